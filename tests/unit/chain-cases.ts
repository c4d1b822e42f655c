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
  verifySinceCheckpoint: typeof import("@/lib/audit/audit-status").verifySinceCheckpoint;
  verifyNow: typeof import("@/lib/audit/verify-now").verifyNow;
  checkpoint: typeof import("@/lib/audit/checkpoint");
  job: typeof import("@/lib/audit/verify-job");
};

export async function loadChainLib(): Promise<ChainLib> {
  const record = await import("@/lib/interactions/record-interaction");
  return {
    recordInteraction: record.recordInteraction,
    recordInteractions: record.recordInteractions,
    completeInteraction: (await import("@/lib/interactions/complete-interaction")).completeInteraction,
    verifyStoredChain: (await import("@/lib/audit/verify-stored-chain")).verifyStoredChain,
    verifySinceCheckpoint: (await import("@/lib/audit/audit-status")).verifySinceCheckpoint,
    verifyNow: (await import("@/lib/audit/verify-now")).verifyNow,
    checkpoint: await import("@/lib/audit/checkpoint"),
    job: await import("@/lib/audit/verify-job"),
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

  it("verifies incrementally from the checkpoint: an edit after it is caught there, one before it by the full verification", async () => {
    const old = await capture("verified before the checkpoint");
    let since = await lib().verifySinceCheckpoint();
    expect(since.run.status).toBe("ok");
    const cp = since.checkpoint;
    expect(cp).toMatchObject({ link: since.run.head!.link, hash: since.run.head!.hash, broken: null });
    expect(cp.links_verified).toBe((await lib().verifyStoredChain()).links_checked);

    const fresh = await capture("after the checkpoint");
    await capture("after that");
    await tamper("UPDATE interactions SET prompt = 'forged' WHERE id = $1", fresh.id);
    since = await lib().verifySinceCheckpoint();
    // It starts at the checkpoint's own link: one link intact, then the edited row.
    expect(since.run.links_checked).toBe(1);
    expect(since.run.broken).toMatchObject({ problem: "row_changed", interaction_id: fresh.id });
    expect(since.checkpoint.broken).toEqual(since.run.broken);
    expect(since.checkpoint.link).toBe(cp.link);
    await tamper("UPDATE interactions SET prompt = 'after the checkpoint' WHERE id = $1", fresh.id);
    since = await lib().verifySinceCheckpoint();
    expect(since.run).toMatchObject({ status: "ok", links_checked: 3 });
    expect(since.checkpoint).toMatchObject({ broken: null, links_verified: cp.links_verified + 2 });

    // An edit to a row the checkpoint covers: the incremental run does not read it again...
    await tamper("UPDATE interactions SET prompt = 'forged' WHERE id = $1", old.id);
    since = await lib().verifySinceCheckpoint();
    expect(since.run.status).toBe("ok");
    // ...the full verification does, and its finding stands in every later answer until a full one passes.
    const full = await lib().verifyStoredChain();
    expect(full.broken).toMatchObject({ problem: "row_changed", interaction_id: old.id });
    await lib().checkpoint.recordVerification(full);
    const incremental = await lib().verifyNow({ scope: "incremental" });
    expect(incremental).toMatchObject({ status: "broken", scope: "incremental", broken: full.broken });
    expect(incremental.checkpoint.broken).toEqual(full.broken);
    await tamper("UPDATE interactions SET prompt = 'verified before the checkpoint' WHERE id = $1", old.id);
    expect((await lib().verifyNow({ scope: "incremental" })).status).toBe("broken");
    const mended = await lib().verifyNow({ scope: "full" });
    expect(mended).toMatchObject({ status: "ok", scope: "full", checkpoint: { broken: null } });
    expect(mended.checkpoint.full_verified_at).toBe(mended.verified_at);
   }, 60_000);

  it("cannot be misled by a rewritten checkpoint or checkpoint link, and only advances from the state it verified", async () => {
    await capture("c1");
    const { checkpoint: cp } = await lib().verifySinceCheckpoint();
    await capture("c2");

    await tamper("UPDATE audit_checkpoint SET link_hash = $1 WHERE id = 1", "f".repeat(64));
    let since = await lib().verifySinceCheckpoint();
    expect(since.run.broken).toMatchObject({ link: cp.link, problem: "link_changed", expected: "f".repeat(64), stored: cp.hash });
    await tamper("UPDATE audit_checkpoint SET link_hash = $1, broken = NULL WHERE id = 1", cp.hash);

    // The checkpoint's link rewritten together with the checkpoint: its hash no longer matches its content.
    const forged = "e".repeat(64);
    await tamper("UPDATE audit_chain SET hash = $1 WHERE seq = $2", forged, cp.link);
    await tamper("UPDATE audit_checkpoint SET link_hash = $1 WHERE id = 1", forged);
    since = await lib().verifySinceCheckpoint();
    expect(since.run.broken).toMatchObject({ link: cp.link, problem: "link_changed", stored: forged });
    await tamper("UPDATE audit_chain SET hash = $1 WHERE seq = $2", cp.hash, cp.link);
    await tamper("UPDATE audit_checkpoint SET link_hash = $1 WHERE id = 1", cp.hash);

    // A link after the checkpoint that does not chain from it.
    await tamper("UPDATE audit_chain SET prev_hash = $1 WHERE seq = (SELECT min(seq) FROM audit_chain WHERE seq > $2)", forged, cp.link);
    since = await lib().verifySinceCheckpoint();
    expect(since.run.broken).toMatchObject({ problem: "link_missing", expected: cp.hash, stored: forged });
    await tamper("UPDATE audit_chain SET prev_hash = $1 WHERE seq = (SELECT min(seq) FROM audit_chain WHERE seq > $2)", cp.hash, cp.link);
    since = await lib().verifySinceCheckpoint();
    expect(since.checkpoint).toMatchObject({ broken: null });
    expect(since.checkpoint.link).toBeGreaterThan(cp.link);

    // Two verifications from the same checkpoint (two servers): the one stored first moves it,
    // the other finds it moved and leaves it, even though it reached further.
    const from = lib().checkpoint.verifyFrom(since.checkpoint);
    await capture("c3");
    const first = await lib().verifyStoredChain(undefined, { from });
    await capture("c4");
    const second = await lib().verifyStoredChain(undefined, { from });
    await lib().checkpoint.recordVerification(first);
    await lib().checkpoint.recordVerification(second);
    expect(first.head!.link).toBeGreaterThan(from!.link);
    expect(second.head!.link).toBeGreaterThan(first.head!.link);
    expect(await lib().checkpoint.readCheckpoint()).toMatchObject({ link: first.head!.link, hash: first.head!.hash });
   }, 60_000);

  it("runs a full verification as a background job with progress, and stores its result", async () => {
    for (let i = 0; i < 5; i++) await capture(`job ${i}`);
    const progress: number[] = [];
    const head = (await lib().verifyStoredChain()).head!.link;
    const started = lib().job.startFullVerification();
    expect(started.state).toBe("running");
    // One job at a time: asking again while it runs returns the same job.
    expect(lib().job.startFullVerification().started_at).toBe(started.started_at);
    let job = lib().job.verifyJob()!;
    while (job.state === "running") {
      progress.push(job.at_link);
      await new Promise((r) => setTimeout(r, 1));
      job = lib().job.verifyJob()!;
    }
    expect(job).toMatchObject({ state: "done", error: null, result: { status: "ok" } });
    expect(job.at_link).toBe(job.head_link);
    expect(job.head_link).toBe(head);
    expect(job.links_checked).toBe(job.result!.links_checked);
    expect(progress.length).toBeGreaterThan(0);
    const cp = await lib().checkpoint.readCheckpoint();
    expect(cp).toMatchObject({ link: job.head_link, full_verified_at: job.result!.verified_at, links_verified: job.links_checked });
   }, 60_000);

  it("covers occurred_at when a capture has one, and keeps rows without it as they were chained", async () => {
    const happened = "2026-12-06T01:02:03.456Z";
    const spooled = await capture("spooled turn", { occurred_at: happened });
    const plain = await capture("live turn");
    expect([spooled.occurred_at, plain.occurred_at]).toEqual([happened, null]);
    expect((await lib().verifyStoredChain()).status).toBe("ok");
    // A row without occurred_at is hashed exactly as before the column existed.
    const { captureContentHash, sha256 } = await import("@/lib/audit/canonical-content");
    const row = { id: "x", prompt: "p", response: "", response_summary: "", project: "", client: "", session_id: "", memories_used: "[]", chunks_used: "[]", context_pack: "{}", created_at: 5, response_added_at: null };
    expect(captureContentHash({ ...row, occurred_at: null }, new Set())).toBe(sha256(JSON.stringify(["capture", "x", "p", "", "", "", "", "", "[]", "[]", "{}", 5])));

    await tamper("UPDATE interactions SET occurred_at = $1 WHERE id = $2", new Date(Date.parse(happened) - 3_600_000), spooled.id);
    let report = await lib().verifyStoredChain();
    expect(report.broken).toMatchObject({ problem: "row_changed", interaction_id: spooled.id, kind: "capture" });
    await tamper("UPDATE interactions SET occurred_at = NULL WHERE id = $1", spooled.id);
    expect((await lib().verifyStoredChain()).broken).toMatchObject({ problem: "row_changed", interaction_id: spooled.id });
    await tamper("UPDATE interactions SET occurred_at = $1 WHERE id = $2", new Date(Date.parse(happened)), spooled.id);
    expect((await lib().verifyStoredChain()).status).toBe("ok");

    // Giving a time to a row captured without one is an edit too.
    await tamper("UPDATE interactions SET occurred_at = $1 WHERE id = $2", new Date(1), plain.id);
    report = await lib().verifyStoredChain();
    expect(report.broken).toMatchObject({ problem: "row_changed", interaction_id: plain.id });
    await tamper("UPDATE interactions SET occurred_at = NULL WHERE id = $1", plain.id);
    expect((await lib().verifyStoredChain()).status).toBe("ok");
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
