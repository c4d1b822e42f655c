import { expect, it } from "vitest";
import type { CaptureInput } from "@/lib/interactions/schema";

// The hash chain's cases, run on each database (audit-chain.test.ts on SQLite,
// audit-chain-postgres.test.ts): through the real write path (record and complete on a
// migrated database), then the verifier against edits made behind the application's back.

export type ChainLib = {
  recordInteraction: typeof import("@/lib/interactions/record-interaction").recordInteraction;
  recordInteractions: typeof import("@/lib/interactions/record-interaction").recordInteractions;
  completeInteraction: typeof import("@/lib/interactions/complete-interaction").completeInteraction;
  verifyStoredChain: typeof import("@/lib/audit/verify-stored-chain").verifyStoredChain;
};

export async function loadChainLib(): Promise<ChainLib> {
  const record = await import("@/lib/interactions/record-interaction");
  return {
    recordInteraction: record.recordInteraction,
    recordInteractions: record.recordInteractions,
    completeInteraction: (await import("@/lib/interactions/complete-interaction")).completeInteraction,
    verifyStoredChain: (await import("@/lib/audit/verify-stored-chain")).verifyStoredChain,
  };
}

export type ChainDb = {
  lib: () => ChainLib;
  /** Runs one statement on the database directly ($1.. placeholders), around the application. */
  tamper: (sql: string, ...args: unknown[]) => Promise<void>;
};

export function captureInput(prompt: string, extra: Partial<CaptureInput> = {}): CaptureInput {
  return {
    prompt,
    response: "",
    response_summary: "",
    project: "p",
    client: "c",
    session_id: "",
    memories_used: ["m1"],
    chunks_used: [],
    context_pack: { memories: [{ id: "m1", text: "t" }] },
    ...extra,
  };
}

export function chainCases({ lib, tamper }: ChainDb) {
  // await: the write path resolves after its commit is durable.
  const capture = async (prompt: string, extra: Partial<CaptureInput> = {}) =>
    (await lib().recordInteraction(captureInput(prompt, extra))).interaction;

  it("chains captures and completions and verifies intact; rows written around it are reported, not failed", async () => {
    const before = await lib().verifyStoredChain();
    const a = await capture("first");
    await lib().completeInteraction(a.id, { response: "answer" });
    await lib().completeInteraction(a.id, { response_summary: "short" });
    await capture("second", { response: "given at capture" });
    await tamper(`INSERT INTO interactions (id, prompt, created_at) VALUES ('direct-1', 'imported', $1)`, new Date(1));
    const report = await lib().verifyStoredChain();
    expect(report).toMatchObject({ status: "ok", links_checked: before.links_checked + 4, broken: null, unchained: { count: 1, sample_ids: ["direct-1"] } });
    expect(report.head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a retried capture of a completed turn is still the same capture", async () => {
    const id = "8a1c7f10-0000-4000-8000-000000000001";
    await capture("retry me", { id });
    await lib().completeInteraction(id, { response: "done" });
    const again = await lib().recordInteraction(captureInput("retry me", { id }));
    expect(again.status).toBe("duplicate");
    expect(again.interaction.response).toBe("done");
  });

  it("chains a batch in one transaction: one link per created row, duplicates and conflicts add none", async () => {
    const id = "8a1c7f10-0000-4000-8000-000000000002";
    const before = await lib().verifyStoredChain();
    const outcomes = await lib().recordInteractions([
      captureInput("b1", { id }),
      captureInput("b2", { memories_used: ["m1", "m1", "m2"] }),
      captureInput("b1", { id }),
      captureInput("other content", { id }),
      captureInput("b3"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created", "duplicate", "error", "created"]);
    const report = await lib().verifyStoredChain();
    expect(report).toMatchObject({ status: "ok", links_checked: before.links_checked + 3 });
  });

  it("names the interaction whose row was edited, then a removed link", async () => {
    const victim = await capture("edit me");
    await capture("after the victim");
    await tamper("UPDATE interactions SET prompt = 'edited' WHERE id = $1", victim.id);
    let report = await lib().verifyStoredChain();
    expect(report.status).toBe("broken");
    expect(report.broken).toMatchObject({ problem: "row_changed", interaction_id: victim.id, kind: "capture" });
    expect(report.broken!.expected).not.toBe(report.broken!.stored);

    await tamper("UPDATE interactions SET prompt = 'edit me' WHERE id = $1", victim.id);
    expect((await lib().verifyStoredChain()).status).toBe("ok");

    await tamper("DELETE FROM audit_chain WHERE interaction_id = $1", victim.id);
    report = await lib().verifyStoredChain();
    expect(report.broken).toMatchObject({ problem: "link_missing" });
    expect(report.unchained.sample_ids).toContain(victim.id);
  });
}
