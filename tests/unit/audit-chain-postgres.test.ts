import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { DURABLE, WRITE_LOCK_KEY } from "@/lib/db/postgres/write";
import { runScript } from "../helpers/run-script";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { captureInput, chainCases, loadChainLib, type ChainLib } from "./chain-cases";
import { sharedId } from "./chain-writer";

// The hash chain on PostgreSQL (the SQLite twin is audit-chain.test.ts): the same cases, then
// what only PostgreSQL has: jsonb normalising the JSON columns, and app servers writing at once.
let db: TestDatabase;
let lib: ChainLib;

beforeAll(async () => {
  db = await createTestDatabase("chain", "postgres");
  await migratePostgres(db.url);
  process.env.DATABASE_URL = db.url;
  process.env.LOG_LEVEL = "silent";
  lib = await loadChainLib();
});

afterAll(async () => {
  await (await import("@/lib/db/postgres/pool")).closePgPool();
  await db?.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string, ...args: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, args)).rows;
  } finally {
    await client.end();
  }
}

describe("hash chain (PostgreSQL)", () => {
  it("covers jsonb's own text of the JSON columns: a pack in any key order verifies, and its retry is a duplicate", async () => {
    const id = "8a1c7f10-0000-4000-8000-0000000000a1";
    const pack = { zeta: { b: 2, a: [1.50, "é", { y: null, x: true }] }, alpha: "1", "": 0 };
    const created = await lib.recordInteraction(captureInput("jsonb", { id, context_pack: pack, memories_used: ["b", "a", "b"] }));
    expect(created.status).toBe("created");
    const [stored] = await query<{ pack: string }>("SELECT context_pack::text AS pack FROM interactions WHERE id = $1", id);
    expect(stored.pack).not.toBe(JSON.stringify(pack)); // jsonb reorders keys and spaces them
    expect((await lib.verifyStoredChain()).status).toBe("ok");

    const reordered = { "": 0, alpha: "1", zeta: { a: [1.5, "é", { x: true, y: null }], b: 2 } };
    const retry = await lib.recordInteraction(captureInput("jsonb", { id, context_pack: reordered, memories_used: ["b", "a", "b"] }));
    expect(retry.status).toBe("duplicate");
  });

  it("two app servers capturing at once, retrying the same ids, build one valid chain with every row once", async () => {
    const before = await lib.verifyStoredChain();
    const BATCHES = 12;
    const writers = await Promise.all(
      ["w1", "w2"].map((w) => runScript("tests/unit/chain-writer.ts", [w, String(BATCHES)], { DATABASE_URL: db.url, PG_POOL_SIZE: "4" })),
    );
    const outcomes = writers.map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { status: string; id: string }[];
    });
    // Each writer: 3 own turns per batch created; of the shared ids, one writer created each and
    // the other got the original receipt (duplicate), never an error.
    const all = outcomes.flat();
    expect(all.filter((o) => o.status === "error")).toEqual([]);
    for (let b = 0; b < BATCHES; b++) {
      for (const k of [0, 1]) {
        expect(all.filter((o) => o.id === sharedId(b, k)).map((o) => o.status).sort()).toEqual(["created", "duplicate"]);
      }
    }
    const created = all.filter((o) => o.status === "created").map((o) => o.id);
    expect(created.length).toBe(2 * BATCHES * 3 + BATCHES * 2);
    const [{ n }] = await query<{ n: string }>("SELECT count(*) AS n FROM interactions WHERE id = ANY($1)", created);
    expect(Number(n)).toBe(created.length);

    const report = await lib.verifyStoredChain();
    expect(report).toMatchObject({ status: "ok", broken: null, links_checked: before.links_checked + created.length });
  }, 60_000); // two processes to start on a shared machine

  it("a write whose connection is lost stores nothing and answers 503 'none stored'; the chain goes on", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      // Hold the write lock so the capture waits inside its transaction, then cut its connection.
      await holder.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
      const pending = lib.recordInteractions([captureInput("lost 1"), captureInput("lost 2")]).catch((err: unknown) => err);
      await expect.poll(async () => (await query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'")).length).toBe(1);
      await query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'");
      expect(await pending).toMatchObject({ code: "unavailable", message: expect.stringMatching(/none of its 2 interaction\(s\) were stored/) });
      await holder.query("COMMIT");
    } finally {
      await holder.end();
    }
    expect(await query("SELECT id FROM interactions WHERE prompt LIKE 'lost %'")).toEqual([]);
    expect((await lib.recordInteraction(captureInput("after the loss"))).status).toBe("created");
    expect((await lib.verifyStoredChain()).status).toBe("ok");
  }, 120_000); // two writer processes start (tsx) and run: slow on a loaded machine

  it("group commit: the durability wait flushes the WAL past a commit made without waiting", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query("CREATE TABLE flush_probe (x int); SET synchronous_commit = off");
      await client.query("BEGIN; INSERT INTO flush_probe VALUES (1); COMMIT");
      // At or past the end of that commit's WAL record.
      const { lsn } = (await client.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn() AS lsn")).rows[0];
      await client.query(DURABLE);
      const { flushed } = (await client.query<{ flushed: boolean }>("SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS flushed", [lsn])).rows[0];
      expect(flushed).toBe(true);
    } finally {
      await client.end();
    }
  });

  // Last: its final case leaves the chain broken on purpose.
  chainCases({ lib: () => lib, tamper: async (sql, ...args) => void (await query(sql, ...args)) });
});
