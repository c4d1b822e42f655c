import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/migrate";
import { tempDbFile } from "../helpers/server";

// The chain through the real write path (record and complete on a migrated database), then
// the verifier against edits made behind the application's back.
let file: string;
let lib: {
  recordInteraction: typeof import("@/lib/interactions/record-interaction").recordInteraction;
  completeInteraction: typeof import("@/lib/interactions/complete-interaction").completeInteraction;
  verifyStoredChain: typeof import("@/lib/audit/verify-stored-chain").verifyStoredChain;
};

beforeAll(async () => {
  file = tempDbFile("chain");
  migrateSqlite(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.LOG_LEVEL = "silent";
  lib = {
    recordInteraction: (await import("@/lib/interactions/record-interaction")).recordInteraction,
    completeInteraction: (await import("@/lib/interactions/complete-interaction")).completeInteraction,
    verifyStoredChain: (await import("@/lib/audit/verify-stored-chain")).verifyStoredChain,
  };
});

const capture = (prompt: string, extra: Record<string, unknown> = {}) =>
  lib.recordInteraction({
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
  }).interaction;

function write(sql: string, ...args: unknown[]) {
  const db = new Database(file);
  db.prepare(sql).run(...args);
  db.close();
}

describe("hash chain", () => {
  it("chains captures and completions and verifies intact; rows written around it are reported, not failed", async () => {
    const a = capture("first");
    lib.completeInteraction(a.id, { response: "answer" });
    lib.completeInteraction(a.id, { response_summary: "short" });
    capture("second", { response: "given at capture" });
    write(`INSERT INTO interactions (id, prompt, created_at) VALUES ('direct-1', 'imported', 1)`);
    const report = await lib.verifyStoredChain(file);
    expect(report).toMatchObject({ status: "ok", links_checked: 4, broken: null, unchained: { count: 1, sample_ids: ["direct-1"] } });
    expect(report.head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a retried capture of a completed turn is still the same capture", () => {
    const id = "8a1c7f10-0000-4000-8000-000000000001";
    capture("retry me", { id });
    lib.completeInteraction(id, { response: "done" });
    const again = lib.recordInteraction({ id, prompt: "retry me", response: "", response_summary: "", project: "p", client: "c", session_id: "", memories_used: ["m1"], chunks_used: [], context_pack: { memories: [{ id: "m1", text: "t" }] } });
    expect(again.status).toBe("duplicate");
    expect(again.interaction.response).toBe("done");
  });

  it("names the interaction whose row was edited, then a removed link", async () => {
    const victim = capture("edit me");
    capture("after the victim");
    write("UPDATE interactions SET prompt = 'edited' WHERE id = ?", victim.id);
    let report = await lib.verifyStoredChain(file);
    expect(report.status).toBe("broken");
    expect(report.broken).toMatchObject({ problem: "row_changed", interaction_id: victim.id, kind: "capture" });
    expect(report.broken!.expected).not.toBe(report.broken!.stored);

    write("UPDATE interactions SET prompt = 'edit me' WHERE id = ?", victim.id);
    expect((await lib.verifyStoredChain(file)).status).toBe("ok");

    write("DELETE FROM audit_chain WHERE interaction_id = ?", victim.id);
    report = await lib.verifyStoredChain(file);
    expect(report.broken).toMatchObject({ problem: "link_missing" });
    expect(report.unchained.sample_ids).toContain(victim.id);
  });
});
