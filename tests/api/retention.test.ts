import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyReport } from "@/lib/audit/verify-chain";
import { Prisma } from "@/lib/generated/prisma/client";
import { uid } from "../helpers/api";
import { withDb as withDatabase, type TestDb } from "../helpers/db";
import { runScript } from "../helpers/run-script";
import { startServer, type RunningServer } from "../helpers/server";

// Retention over HTTP: turns imported at old times are retired by `npm run retire` (and by the
// server's RETENTION_DAYS job), with their reviews, redaction records, search rows, session
// summaries and memory-audit figures; the chain still verifies and reports the retirement, and a
// delete that no retirement records is still tampering.

// A server of its own: these tests delete rows behind its back and verify the whole chain.
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), "atocore-audit-retention-"));
beforeAll(async () => {
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const withDb = <T,>(fn: (db: TestDb) => Promise<T>) => withDatabase(fn, server.databaseUrl);
const getJson = async <T = unknown,>(path: string) => {
  const res = await server.fetch(path);
  return { status: res.status, body: (await res.json()) as T };
};
const postJson = async (path: string, body: unknown) => {
  const res = await server.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return JSON.parse(text) as { id: string };
};
const verify = async () => {
  const { status, body } = await getJson<VerifyReport>("/api/audit/verify?scope=full");
  expect(status).toBe(200);
  return body;
};

/** Imports capture bodies with their created_at through `npm run import` (the API stamps now). */
async function importRows(databaseUrl: string, rows: Record<string, unknown>[]) {
  const file = join(dir, `${uid("rows")}.jsonl`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const r = await runScript("scripts/import.ts", [file, "--json"], { DATABASE_URL: databaseUrl });
  expect(r.code, r.stderr).toBe(0);
}

const retire = (before: string) => runScript("scripts/retire.ts", ["--before", before], { DATABASE_URL: server.databaseUrl });

describe("npm run retire", () => {
  const project = uid("retention");
  const marker = uid("zqretired").replace(/-/g, "");
  const [oldSession, mixedSession] = [uid("old-session"), uid("mixed-session")];
  const [goneMemory, sharedMemory] = [uid("mem-gone"), uid("mem-shared")];
  const pack = (version: string, extra: Record<string, unknown>[] = []) => ({ memories: [{ id: sharedMemory, content: version }, ...extra] });
  const old = (n: number, session: string) => ({
    id: crypto.randomUUID(),
    prompt: `old turn ${n} ${marker}`,
    response: "old answer",
    project,
    session_id: session,
    memories_used: [goneMemory, sharedMemory],
    context_pack: pack("old content", [{ id: goneMemory, content: "only in old turns" }]),
    created_at: `2020-0${n}-01T00:00:00Z`,
  });
  const olds = [old(1, oldSession), old(2, oldSession), old(3, mixedSession)];
  let fresh: { id: string };
  let other: { id: string };
  let sessionReviewKept: { id: string };
  let goneReviews: string[];

  beforeAll(async () => {
    await importRows(server.databaseUrl, olds);
    fresh = await postJson("/api/interactions", {
      prompt: `new turn ${marker}`,
      project,
      session_id: mixedSession,
      memories_used: [sharedMemory],
      context_pack: pack("new content"),
    });
    other = await postJson("/api/interactions", { prompt: "another new turn", project, session_id: uid("other-session") });
    // Reviews of an old turn and of the session that only has old turns go; the mixed session's stays.
    goneReviews = [
      (await postJson(`/api/interactions/${olds[0].id}/reviews`, { verdict: "problem", note: "stale" })).id,
      (await postJson(`/api/sessions/${encodeURIComponent(oldSession)}/reviews`, { verdict: "ok" })).id,
    ];
    sessionReviewKept = await postJson(`/api/sessions/${encodeURIComponent(mixedSession)}/reviews`, { verdict: "question" });
    await postJson(`/api/interactions/${olds[1].id}/redactions`, { pointer: "/response", reason: "personal data" });
    // The server caches a pack's index once served: the retirement happens in another process.
    for (const o of olds) expect((await server.fetch(`/api/interactions/${o.id}/pack`)).status).toBe(200);
    // The figures before, so the test shows they change.
    expect((await getJson<{ offered: number }>(`/api/memories/${goneMemory}`)).body.offered).toBe(3);
    expect((await verify()).status).toBe("ok");
  }, 120_000);

  it("refuses a bad date with a clear message and a non-zero exit", async () => {
    for (const args of [["--before", "last tuesday"], [], ["--before", "2020-02-30"], ["--bogus", "x"]]) {
      const r = await runScript("scripts/retire.ts", args, { DATABASE_URL: server.databaseUrl });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/usage: npm run retire -- --before DATE/);
    }
    expect((await getJson(`/api/interactions/${olds[0].id}`)).status).toBe(200);
  });

  it("retires the old turns with everything derived from them, and keeps the rest", async () => {
    const r = await retire("2021-01-01");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("retired 3 interaction(s) created before 2021-01-01T00:00:00.000Z");

    for (const o of olds) {
      expect((await getJson(`/api/interactions/${o.id}`)).status).toBe(404);
      expect((await getJson(`/api/interactions/${o.id}/pack`)).status).toBe(404);
    }
    expect((await getJson(`/api/interactions/${fresh.id}`)).status).toBe(200);

    const listed = await getJson<{ interactions: { id: string }[] }>(`/api/interactions?project=${project}`);
    expect(listed.body.interactions.map((i) => i.id).sort()).toEqual([fresh.id, other.id].sort());
    const searched = await getJson<{ interactions: { id: string }[] }>(`/api/interactions?q=${marker}`);
    expect(searched.body.interactions.map((i) => i.id)).toEqual([fresh.id]);

    const sessions = await getJson<{ sessions: { session_id: string; turns: number; first_at: string }[] }>(`/api/sessions?project=${project}`);
    expect(sessions.body.sessions.find((s) => s.session_id === oldSession)).toBeUndefined();
    const mixed = sessions.body.sessions.find((s) => s.session_id === mixedSession)!;
    expect(mixed.turns).toBe(1);
    expect(Date.parse(mixed.first_at)).toBeGreaterThan(Date.parse("2021-01-01"));
    expect((await getJson(`/api/sessions/${encodeURIComponent(oldSession)}`)).status).toBe(404);

    const exported = await (await server.fetch(`/api/interactions/export?project=${project}`)).text();
    expect(exported).not.toContain("old turn");
    expect(exported).toContain(fresh.id);
    const packet = await (await server.fetch(`/api/sessions/${encodeURIComponent(mixedSession)}/packet`)).text();
    expect(packet).not.toContain(olds[2].id);
    expect(packet).toContain(fresh.id);
    const packetFile = join(dir, "mixed.html");
    writeFileSync(packetFile, packet);
    const checked = await runScript("scripts/verify-packet.ts", [packetFile]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);

    // Memory audit: an item only old turns saw is gone; a shared one is counted from the new turn only.
    expect((await getJson(`/api/memories/${goneMemory}`)).status).toBe(404);
    const shared = await getJson<{ offered: number; used: number; first_seen: string; version_count: number; versions: { content: string; interactions: number }[] }>(
      `/api/memories/${sharedMemory}`,
    );
    expect(shared.body).toMatchObject({ offered: 1, used: 1, version_count: 1 });
    expect(shared.body.versions.map((v) => [JSON.parse(v.content).content, v.interactions])).toEqual([["new content", 1]]);
    expect(Date.parse(shared.body.first_seen)).toBeGreaterThan(Date.parse("2021-01-01"));
    const used = await getJson<{ interactions: { id: string }[] }>(`/api/memories/${sharedMemory}/interactions`);
    expect(used.body.interactions.map((i) => i.id)).toEqual([fresh.id]);

    // Reviews of retired turns and of the emptied session are gone, the kept session's is not.
    const reviews = await getJson<{ reviews: { id: string }[] }>(`/api/reviews?limit=100`);
    const reviewIds = reviews.body.reviews.map((r) => r.id);
    for (const id of goneReviews) expect(reviewIds).not.toContain(id);
    expect(reviewIds).toContain(sessionReviewKept.id);

    // Nothing of the retired rows is left behind in any table.
    const oldIds = olds.map((o) => o.id);
    const left = await withDb(async (db) => ({
      redactions: await db.all(Prisma.sql`SELECT id FROM interaction_redactions WHERE interaction_id IN (${Prisma.join(oldIds)})`),
      reviews: await db.all(Prisma.sql`SELECT id FROM reviews WHERE id IN (${Prisma.join(goneReviews)})`),
      verdicts: await db.all(Prisma.sql`SELECT target_id FROM review_verdicts WHERE target_id IN (${Prisma.join([...oldIds, oldSession])})`),
      uses: await db.all(Prisma.sql`SELECT item_id FROM interaction_uses WHERE item_id = ${goneMemory}`),
      sightings: await db.all(Prisma.sql`SELECT item_id FROM item_sightings WHERE item_id = ${goneMemory}`),
      versions: await db.all(Prisma.sql`SELECT content FROM item_versions WHERE item_id IN (${goneMemory}, ${sharedMemory})`),
      projects: await db.all(Prisma.sql`SELECT project FROM item_projects WHERE item_id = ${goneMemory}`),
      sessions: await db.all(Prisma.sql`SELECT session_id FROM session_projects WHERE session_id = ${oldSession}`),
    }));
    expect(left).toEqual({ redactions: [], reviews: [], verdicts: [], uses: [], sightings: [], versions: [{ content: expect.stringContaining("new content") }], projects: [], sessions: [] });
  });

  it("keeps the chain verifiable and reports the retirement", async () => {
    const report = await verify();
    expect(report.status, JSON.stringify(report.broken)).toBe("ok");
    expect(report.retired.count).toBe(3);
    expect(report.retired.ranges).toHaveLength(1);
    expect(report.retired.ranges[0]).toMatchObject({ count: 3, reviews: 2, before: "2021-01-01T00:00:00.000Z" });
    // React separates the text's parts with empty comments.
    const audit = (await (await server.fetch("/audit")).text()).replaceAll("<!-- -->", "");
    expect(audit).toContain('data-testid="audit-retired">3 interactions were retired for their age');
    // An incremental verification from the checkpoint agrees.
    const incremental = await getJson<VerifyReport>("/api/audit/verify?scope=incremental");
    expect(incremental.body).toMatchObject({ status: "ok", retired: { count: 3 } });
    // Retiring again finds nothing and chains nothing.
    const again = await retire("2021-01-01");
    expect(again.stdout).toContain("retired 0 interaction(s)");
    expect((await verify()).head).toEqual(report.head);
  });

  it("needs the read scope to see the report", async () => {
    expect((await server.fetch("/api/audit/verify", { auth: false })).status).toBe(401);
  });

  it("still reports a delete no retirement records, and a retirement's list edited to cover one", async () => {
    const [{ seq }] = await withDb((db) => db.all<{ seq: number }>(Prisma.sql`SELECT seq FROM interactions WHERE id = ${other.id}`));
    const [row] = await withDb((db) => db.all<Record<string, unknown>>(Prisma.sql`SELECT * FROM interactions WHERE id = ${other.id}`));
    expect(row).toBeDefined();
    await withDb((db) => db.run(Prisma.sql`DELETE FROM interactions WHERE seq = ${seq}`));
    const report = await verify();
    expect(report.status).toBe("broken");
    expect(report.broken).toMatchObject({ interaction_id: other.id, problem: "row_missing" });
    // /audit names the deleted interaction without a link to a page that is gone.
    const auditPage = async () => (await (await server.fetch("/audit")).text()).replaceAll("<!-- -->", "");
    const missing = await auditPage();
    expect(missing).toContain(`<dt>interaction</dt><dd>${other.id}</dd>`);
    expect(missing).not.toContain(`href="/interactions/${other.id}"`);

    // Listing the deleted row under the existing retirement breaks that retirement's link instead.
    const [{ retirement, link_hash }] = await withDb((db) =>
      db.all<{ retirement: string; link_hash: string }>(Prisma.sql`SELECT r.retirement, c.hash AS link_hash FROM retired_rows r
        JOIN audit_chain c ON c.kind = 'capture' AND c.interaction_id = ${other.id} LIMIT 1`),
    );
    await withDb((db) => db.run(Prisma.sql`INSERT INTO retired_rows (kind, row_id, retirement, link_hash) VALUES ('interaction', ${other.id}, ${retirement}, ${link_hash})`));
    const hidden = await verify();
    expect(hidden.status).toBe("broken");
    expect(hidden.broken).toMatchObject({ kind: "retired", interaction_id: retirement, problem: "row_changed" });
    // A retired link names its retirement, which is no interaction.
    const retiredAlert = await auditPage();
    expect(retiredAlert).toContain(`<dt>retirement</dt><dd>${retirement}</dd>`);
    expect(retiredAlert).not.toContain(`href="/interactions/${retirement}"`);
  });
});

describe("RETENTION_DAYS", () => {
  it("retires turns older than the period in the background, logging counts and no text", async () => {
    const own = await startServer({ env: { RETENTION_DAYS: "30", RETENTION_INTERVAL_MS: "500" } });
    try {
      const secret = uid("never-logged");
      const id = crypto.randomUUID();
      await importRows(own.databaseUrl, [{ id, prompt: `ancient ${secret}`, project: "retention-job", created_at: new Date(Date.now() - 40 * 86_400_000).toISOString() }]);
      const recent = crypto.randomUUID();
      await importRows(own.databaseUrl, [{ id: recent, prompt: "recent", project: "retention-job", created_at: new Date(Date.now() - 10 * 86_400_000).toISOString() }]);
      await expect.poll(async () => (await own.fetch(`/api/interactions/${id}`)).status, { timeout: 30_000, interval: 250 }).toBe(404);
      expect((await own.fetch(`/api/interactions/${recent}`)).status).toBe(200);
      const line = own.logs().split("\n").find((l) => l.includes('"interactions_retired"'));
      expect(JSON.parse(line!)).toMatchObject({ event: "interactions_retired", count: 1 });
      expect(own.logs()).not.toContain(secret);
      // The same id captured again after its retirement is another row, and is retired again.
      await importRows(own.databaseUrl, [{ id, prompt: "ancient again", project: "retention-job", created_at: new Date(Date.now() - 50 * 86_400_000).toISOString() }]);
      await expect.poll(async () => (await own.fetch(`/api/interactions/${id}`)).status, { timeout: 30_000, interval: 250 }).toBe(404);
      const report = (await (await own.fetch("/api/audit/verify")).json()) as VerifyReport;
      expect(report, JSON.stringify(report.broken)).toMatchObject({ status: "ok", retired: { count: 2 } });
    } finally {
      await own.stop();
    }
  }, 180_000);
});
