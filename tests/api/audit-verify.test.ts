import Database from "better-sqlite3";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import type { VerifyReport } from "@/lib/audit/verify-chain";
import { apiFetch, getJson, insertDirect, postJson, uid } from "../helpers/api";
import { runScript } from "../helpers/run-script";

// These tests edit the shared server's database behind its back and put every edit back
// before they end, so the chain is intact again for everyone else.
const verify = async () => {
  const { status, body } = await getJson("/api/audit/verify");
  expect(status).toBe(200);
  return body as VerifyReport;
};

function write<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(inject("dbFile"), { fileMustExist: true, timeout: 5000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function capture(body: Record<string, unknown> = {}) {
  const res = await postJson("/api/interactions", { prompt: uid("chain"), memories_used: ["m"], ...body });
  return (await res.json()).id as string;
}

describe("GET /api/audit/verify", () => {
  it("reports an intact chain covering captures and completions, and rows written around the API as unchained", async () => {
    const id = await capture();
    await apiFetch(`/api/interactions/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response: "done" }),
    });
    const [direct] = insertDirect([{ prompt: "imported", created_at: Date.UTC(2026, 0, 1) }]);
    const report = await verify();
    expect(report).toMatchObject({ status: "ok", broken: null });
    expect(report.links_checked).toBeGreaterThanOrEqual(2);
    expect(report.unchained.count).toBeGreaterThanOrEqual(1);
    write((db) => db.prepare("DELETE FROM interactions WHERE id = ?").run(direct));
  });

  it("chains every item of a batch capture", async () => {
    const res = await postJson("/api/interactions/batch", {
      interactions: [{ prompt: uid("b1") }, { prompt: "   " }, { prompt: uid("b2"), memories_used: ["m"] }],
    });
    expect(res.status).toBe(200);
    const created = ((await res.json()).results as { status: string; id: string }[]).filter((r) => r.status === "created");
    expect(created).toHaveLength(2);
    const chained = write((db) =>
      db.prepare(`SELECT count(*) FROM audit_chain WHERE kind = 'capture' AND interaction_id IN (?, ?)`).pluck().get(created[0].id, created[1].id),
    );
    expect(chained).toBe(2);
    expect((await verify()).status).toBe("ok");
  });

  it("names the interaction edited behind the server's back, with expected and stored hashes", async () => {
    const victim = await capture({ response: "original answer" });
    await capture();
    write((db) => db.prepare("UPDATE interactions SET response = 'forged answer' WHERE id = ?").run(victim));
    try {
      const report = await verify();
      expect(report.status).toBe("broken");
      expect(report.broken).toMatchObject({ interaction_id: victim, kind: "capture", problem: "row_changed" });
      expect(report.broken!.expected).toMatch(/^[0-9a-f]{64}$/);
      expect(report.broken!.stored).not.toBe(report.broken!.expected);
      // `npm run verify` reads the same database and names the same first broken link.
      const cli = await runScript("scripts/verify.ts", [], { DATABASE_URL: `file:${inject("dbFile")}` });
      expect(cli.code).toBe(1);
      expect(JSON.parse(cli.stdout).broken).toEqual(report.broken);
      expect(cli.stderr).toContain(`BROKEN at link ${report.broken!.link} (capture of interaction ${victim})`);
    } finally {
      write((db) => db.prepare("UPDATE interactions SET response = 'original answer' WHERE id = ?").run(victim));
    }
    expect((await verify()).status).toBe("ok");
    const intact = await runScript("scripts/verify.ts", [], { DATABASE_URL: `file:${inject("dbFile")}` });
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stderr).toMatch(/^OK: \d+ links verified/m);
  });

  it("names an interaction deleted behind the server's back", async () => {
    const victim = await capture();
    await capture();
    const saved = write((db) => {
      const row = db.prepare("SELECT * FROM interactions WHERE id = ?").get(victim) as Record<string, unknown>;
      const uses = db.prepare("SELECT u.* FROM interaction_uses u WHERE interaction_seq = ?").all(row.seq);
      db.prepare("DELETE FROM interactions WHERE id = ?").run(victim);
      return { row, uses };
    });
    try {
      const report = await verify();
      expect(report.broken).toMatchObject({ interaction_id: victim, problem: "row_missing" });
    } finally {
      write((db) => {
        const cols = Object.keys(saved.row);
        db.prepare(`INSERT INTO interactions (${cols.join(",")}) VALUES (${cols.map((c) => "@" + c).join(",")})`).run(saved.row);
        for (const u of saved.uses) db.prepare("INSERT INTO interaction_uses VALUES (@interaction_seq, @kind, @item_id, @created_at)").run(u);
      });
    }
    expect((await verify()).status).toBe("ok");
  });
});
