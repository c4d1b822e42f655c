import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import type { VerifyReport } from "@/lib/audit/verify-chain";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VerifyResponse } from "@/lib/audit/verify-now";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { inTransaction, insertDirect, withDb } from "../helpers/db";
import { runScript } from "../helpers/run-script";

// These tests edit the shared server's database behind its back and put every edit back
// before they end, so the chain is intact again for everyone else.
const verify = async () => {
  const { status, body } = await getJson("/api/audit/verify");
  expect(status).toBe(200);
  return body as VerifyReport;
};

const STORED_COLUMNS = "seq, id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used, context_pack, created_at, response_added_at";

const verifyCli = () => runScript("scripts/verify.ts", [], { DATABASE_URL: inject("databaseUrl") });

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
    const [direct] = await insertDirect([{ prompt: "imported", created_at: Date.UTC(2026, 0, 1) }]);
    const report = await verify();
    expect(report).toMatchObject({ status: "ok", broken: null });
    expect(report.links_checked).toBeGreaterThanOrEqual(2);
    expect(report.unchained.count).toBeGreaterThanOrEqual(1);
    await withDb((db) => db.run(Prisma.sql`DELETE FROM interactions WHERE id = ${direct}`));
  });

  it("answers with the verification's scope, the checkpoint it stored and this server's background job", async () => {
    await capture();
    const full = (await verify()) as VerifyResponse;
    expect(full).toMatchObject({ scope: "full", status: "ok", checkpoint: { broken: null } });
    // Other test files' page views may verify the links captured since, in the background.
    expect(full.checkpoint.link).toBeGreaterThanOrEqual(full.head!.link);
    expect(full.checkpoint.links_verified).toBeGreaterThanOrEqual(full.links_checked);
    expect(full.checkpoint.full_verified_at).toBe(full.verified_at);
    expect(full).toHaveProperty("job");
    // An incremental run reads the checkpoint's link and what came after it, not the whole chain.
    await capture();
    const { status, body } = await getJson("/api/audit/verify?scope=incremental");
    expect(status).toBe(200);
    const since = body as VerifyResponse;
    expect(since).toMatchObject({ scope: "incremental", status: "ok", broken: null });
    expect(since.links_checked).toBeLessThan(full.links_checked);
    expect(since.checkpoint.link).toBeGreaterThan(full.checkpoint.link);
    await expectError(await apiFetch("/api/audit/verify?scope=all"), 400, "validation_failed");
    await expectError(await apiFetch("/api/audit/verify?full=1"), 400, "validation_failed");
  });

  it("chains every item of a batch capture", async () => {
    const res = await postJson("/api/interactions/batch", {
      interactions: [{ prompt: uid("b1") }, { prompt: "   " }, { prompt: uid("b2"), memories_used: ["m"] }],
    });
    expect(res.status).toBe(200);
    const created = ((await res.json()).results as { status: string; id: string }[]).filter((r) => r.status === "created");
    expect(created).toHaveLength(2);
    const chained = await withDb((db) =>
      db.get<{ n: number }>(Prisma.sql`SELECT count(*) AS n FROM audit_chain WHERE kind = 'capture' AND interaction_id IN (${created[0].id}, ${created[1].id})`),
    );
    expect(chained!.n).toBe(2);
    expect((await verify()).status).toBe("ok");
  });

  it("names the interaction edited behind the server's back, with expected and stored hashes", async () => {
    const victim = await capture({ response: "original answer" });
    await capture();
    await withDb((db) => db.run(Prisma.sql`UPDATE interactions SET response = 'forged answer' WHERE id = ${victim}`));
    try {
      const report = await verify();
      expect(report.status).toBe("broken");
      expect(report.broken).toMatchObject({ interaction_id: victim, kind: "capture", problem: "row_changed" });
      expect(report.broken!.expected).toMatch(/^[0-9a-f]{64}$/);
      expect(report.broken!.stored).not.toBe(report.broken!.expected);
      // `npm run verify` reads the same database and names the same first broken link.
      const cli = await verifyCli();
      expect(cli.code).toBe(1);
      expect(JSON.parse(cli.stdout).broken).toEqual(report.broken);
      expect(cli.stderr).toContain(`BROKEN at link ${report.broken!.link} (capture of interaction ${victim})`);
    } finally {
      await withDb((db) => db.run(Prisma.sql`UPDATE interactions SET response = 'original answer' WHERE id = ${victim}`));
    }
    expect((await verify()).status).toBe("ok");
    const intact = await verifyCli();
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stderr).toMatch(/^OK: \d+ links verified/m);
  });

  it("names an interaction deleted behind the server's back", async () => {
    const victim = await capture();
    await capture();
    // The row and its uses are kept aside in tables of their own, to be put back unchanged
    // (the stored columns named: a database may add derived ones, such as a search vector).
    const saved = `saved_${victim.replace(/-/g, "_")}`;
    await withDb((db) =>
      inTransaction(db, async () => {
        await db.exec(`CREATE TABLE ${saved}_row AS SELECT ${STORED_COLUMNS} FROM interactions WHERE false`);
        await db.exec(`CREATE TABLE ${saved}_uses AS SELECT * FROM interaction_uses WHERE false`);
        await db.run(Prisma.sql`INSERT INTO ${Prisma.raw(`${saved}_row`)} SELECT ${Prisma.raw(STORED_COLUMNS)} FROM interactions WHERE id = ${victim}`);
        await db.exec(`INSERT INTO ${saved}_uses SELECT u.* FROM interaction_uses u JOIN ${saved}_row r ON r.seq = u.interaction_seq`);
        await db.run(Prisma.sql`DELETE FROM interactions WHERE id = ${victim}`);
      }),
    );
    try {
      const report = await verify();
      expect(report.broken).toMatchObject({ interaction_id: victim, problem: "row_missing" });
    } finally {
      await withDb((db) =>
        inTransaction(db, async () => {
          await db.exec(`INSERT INTO interactions (${STORED_COLUMNS}) SELECT * FROM ${saved}_row`);
          await db.exec(`INSERT INTO interaction_uses SELECT * FROM ${saved}_uses`);
          await db.exec(`DROP TABLE ${saved}_row`);
          await db.exec(`DROP TABLE ${saved}_uses`);
        }),
      );
    }
    expect((await verify()).status).toBe("ok");
  });
});
