import pg from "pg";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchResultSchema } from "@/lib/interactions/batch-schema";
import { InteractionRecordSchema, type InteractionRecord } from "@/lib/interactions/schema";
import { startServer, type RunningServer } from "../helpers/server";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// Scale-out: two app server processes on one PostgreSQL database, as behind a load balancer.
// Captures (singles and batches) are spread over both at once, and the same ids are retried
// across the servers, at the same moment and again later. Afterwards every row is stored
// exactly once, every retry was answered with the original receipt, and the one hash chain
// verifies on both servers. SQLite is the one-process deployment (its single writer is the
// embedded file), so this runs only in the PostgreSQL pass.
const onPostgres = testDatabaseKind() === "postgres";

type Body = { id: string; prompt: string; project: string; session_id: string; memories_used: string[]; context_pack: Record<string, unknown> };
// The whole record a capture answers with: a retry must answer exactly the same.
type Receipt = InteractionRecord;

const SINGLES = 120;
const BATCHES = 16;
const BATCH_SIZE = 10;
const CONCURRENCY = 12;

describe.skipIf(!onPostgres)("two app servers on one PostgreSQL database (runs with TEST_DATABASE=postgres only)", () => {
  let database: TestDatabase;
  let servers: [RunningServer, RunningServer];
  // Both servers take the same admin token: whichever starts first stores it.
  const token = randomBytes(24).toString("base64url");
  const project = `scale-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase("scaleout", "postgres");
    // Started together: they race to migrate the empty database and to store the token.
    const start = () => startServer({ databaseUrl: database.url, noToken: true, env: { ATOCORE_AUDIT_ADMIN_TOKEN: token } });
    servers = (await Promise.all([start(), start()])) as [RunningServer, RunningServer];
  });

  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.stop()));
    await database?.drop();
  });

  const body = (n: number): Body => ({
    id: randomUUID(),
    prompt: `scale-out capture ${n} ` + randomBytes(200 + (n % 7) * 300).toString("base64"),
    project,
    session_id: `${project}-s${n % 9}`,
    memories_used: Array.from({ length: n % 4 }, (_, i) => `mem-${i}`),
    // Keys not in jsonb's order (shorter keys first): every receipt must show the stored order.
    context_pack: { zeta: n, chunks: [{ text: "chunk text", id: `c-${n % 5}` }], alpha: "a" },
  });

  async function captureOn(server: RunningServer, b: Body): Promise<{ status: number; receipt: Receipt }> {
    const res = await server.fetch("/api/interactions", {
      method: "POST",
      auth: token,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(b),
    });
    const text = await res.text();
    expect([200, 201], `${server.url}: ${res.status} ${text}`).toContain(res.status);
    const record = InteractionRecordSchema.parse(JSON.parse(text));
    return { status: res.status, receipt: record };
  }

  async function batchOn(server: RunningServer, items: Body[]) {
    const res = await server.fetch("/api/interactions/batch", {
      method: "POST",
      auth: token,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ interactions: items }),
    });
    const text = await res.text();
    expect(res.status, `${server.url}: ${text}`).toBe(200);
    return BatchResultSchema.parse(JSON.parse(text)).results;
  }

  /** Runs the tasks CONCURRENCY at a time. */
  async function inParallel(tasks: (() => Promise<void>)[]) {
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) await tasks[next++]();
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  it("stores every capture once, answers every retry with the original receipt, and keeps one valid chain", { timeout: 180_000 }, async () => {
    const [a, b] = servers;
    const singles = Array.from({ length: SINGLES }, (_, n) => body(n));
    const batches = Array.from({ length: BATCHES }, (_, k) => Array.from({ length: BATCH_SIZE }, (_, i) => body(SINGLES + k * BATCH_SIZE + i)));
    const receipts = new Map<string, Receipt>();

    // Round 1, all at once: singles alternate between the servers, every third one is sent to
    // both at the same moment (a client retrying on the other server after a timeout); batches
    // likewise, every other batch to both.
    const tasks: (() => Promise<void>)[] = [
      ...singles.map((s, n) => async () => {
        const targets = n % 3 === 0 ? [a, b] : [n % 2 ? b : a];
        const answers = await Promise.all(targets.map((server) => captureOn(server, s)));
        // Exactly one server created it; the other answered the same receipt.
        expect(answers.map((x) => x.status).sort()).toEqual(targets.length === 2 ? [200, 201] : [201]);
        for (const x of answers) expect(x.receipt).toEqual(answers[0].receipt);
        expect(answers[0].receipt.id).toBe(s.id);
        receipts.set(s.id, answers[0].receipt);
      }),
      ...batches.map((items, k) => async () => {
        const targets = k % 2 === 0 ? [a, b] : [k % 4 === 1 ? b : a];
        const answers = await Promise.all(targets.map((server) => batchOn(server, items)));
        items.forEach((item, i) => {
          const results = answers.map((r) => r[i]);
          expect(results.map((r) => r.id)).toEqual(targets.map(() => item.id));
          expect(results.map((r) => r.status).sort()).toEqual(targets.length === 2 ? ["created", "duplicate"] : ["created"]);
        });
      }),
    ];
    await inParallel(tasks);

    // The batch items' receipts: the stored time, the same from either server.
    const batchItems = batches.flat();
    await inParallel(
      batchItems.map((item) => async () => {
        const [fromA, fromB] = await Promise.all(
          [a, b].map(async (server) => InteractionRecordSchema.parse(await (await server.fetch(`/api/interactions/${item.id}`, { auth: token })).json())),
        );
        expect(fromA).toEqual(fromB);
        receipts.set(item.id, fromA);
      }),
    );

    // Round 2, later: every single and every batch again, each on the server that did not
    // take it first, all concurrently: nothing new is stored and every answer is the original.
    await inParallel([
      ...singles.map((s, n) => async () => {
        const again = await captureOn(n % 2 ? a : b, s);
        expect(again).toEqual({ status: 200, receipt: receipts.get(s.id) });
      }),
      ...batches.map((items, k) => async () => {
        const results = await batchOn(k % 4 === 1 ? a : b, items);
        expect(results.map((r) => [r.status, r.id])).toEqual(items.map((item) => ["duplicate", item.id]));
      }),
    ]);

    // The database itself: each id exactly once, nothing else stored, the stored times are the receipts'.
    const all = [...singles, ...batchItems];
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; created_at: Date; uses: string }>(
        `SELECT i.id, i.created_at, (SELECT count(*) FROM interaction_uses u WHERE u.interaction_seq = i.seq) AS uses
         FROM interactions i`,
      );
      expect(rows).toHaveLength(all.length);
      const stored = new Map(rows.map((r) => [r.id, r]));
      expect(stored.size).toBe(all.length);
      for (const sent of all) {
        const row = stored.get(sent.id);
        expect(row, `capture ${sent.id} is missing`).toBeDefined();
        expect(row!.created_at.toISOString()).toBe(receipts.get(sent.id)!.created_at);
        expect(Number(row!.uses)).toBe(sent.memories_used.length);
      }
    } finally {
      await client.end();
    }

    // One chain over every row, as each server recomputes it.
    for (const server of servers) {
      const report = await (await server.fetch("/api/audit/verify", { auth: token })).json();
      expect(report).toMatchObject({ status: "ok", links_checked: all.length, broken: null, unchained: { count: 0 } });
    }
  });
});
