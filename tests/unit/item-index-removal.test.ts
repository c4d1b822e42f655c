import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { migratePostgres, postgresMigrationsDir } from "@/lib/db/postgres/migrate";
import { runSteps as runOnPostgres } from "@/lib/db/postgres/run-steps";
import { refreshItemsSteps, removeSightingsSteps } from "@/lib/db/sql/item-index-removal";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { runSteps as runOnSqlite } from "@/lib/db/sqlite/run-steps";
import { storeRows } from "@/lib/db/sqlite/store";
import { realisticTurns } from "@/lib/demo/generate-turns";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "../helpers/direct-rows";
import { expectIndexMatches, type SourceRow } from "../helpers/item-figures";
import { openTestDb, type TestDb } from "../helpers/open-db";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// lib/db/sql/item-index-removal.ts on the database TEST_DATABASE names: interactions are
// removed in slices, oldest first, and after each the item index must
// equal the figures computed in JavaScript from the interactions that remain (items with many
// sightings, drifting versions, items only removed turns saw).
const kind = testDatabaseKind();
let database: TestDatabase;
let db: TestDb & { close: () => Promise<void> };
let source: (SourceRow & { client: string })[] = [];

const T0 = Date.UTC(2026, 10, 1);

beforeAll(async () => {
  database = await createTestDatabase("item-refresh", kind);
  if (kind === "sqlite") migrateSqlite(database.file!, readMigrations());
  else await migratePostgres(database.url, readMigrations(postgresMigrationsDir()));
  db = await openTestDb(database.url);
  const { turns } = realisticTurns({ rows: 200, longSessionTurns: 30, bigPack: false, project: 3, days: 20, now: T0 });
  source = [...turns()].map((t) => ({ ...t, client: t.client, created_at: Date.parse(t.created_at) }));
  // One item drifting across the whole range: many sightings, a version per quarter.
  const [first, last] = [Math.min(...source.map((r) => r.created_at)), Math.max(...source.map((r) => r.created_at))];
  for (const [i, r] of source.entries()) {
    const quarter = Math.floor((4 * (r.created_at - first)) / (last - first + 1));
    ((r.context_pack as { memories?: unknown[] }).memories ??= []).push({ id: "drifty", text: `v${quarter}`, score: i });
  }
  if (kind === "sqlite") {
    const conn = new Database(database.file!);
    const input = (r: (typeof source)[number]) => ({
      prompt: "p", response: "", response_summary: "", project: r.project, client: r.client, session_id: "",
      memories_used: r.memories_used, chunks_used: r.chunks_used, context_pack: r.context_pack as Record<string, unknown>,
    });
    conn.transaction(() => storeRows(conn, source.map((r) => ({ input: input(r), createdAt: r.created_at })))).immediate();
    conn.close();
  } else {
    await insertRows(db, source.map((t) => ({ project: t.project, client: t.client, memories_used: JSON.stringify(t.memories_used), chunks_used: JSON.stringify(t.chunks_used), context_pack: JSON.stringify(t.context_pack), created_at: t.created_at })));
  }
  await expectIndexMatches(db, source);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

/** Removes the interactions created before `before` with their sightings, the items' figures kept, in one transaction. */
async function removeBefore(before: number) {
  const at = kind === "sqlite" ? before : new Date(before);
  const removed = Prisma.sql`SELECT seq FROM interactions WHERE created_at < ${at}`;
  const remove = Prisma.sql`DELETE FROM interactions WHERE created_at < ${at}`;
  function* steps(seqs: number[]) {
    yield* refreshItemsSteps(kind, yield* removeSightingsSteps(seqs));
  }
  if (kind === "sqlite") {
    const conn = new Database(database.file!);
    conn.pragma("foreign_keys = ON");
    conn.transaction(() => {
      const seqs = (conn.prepare(removed.sql).all(...removed.values) as { seq: number }[]).map((r) => r.seq);
      runOnSqlite(conn, steps(seqs));
      conn.prepare(remove.sql).run(...remove.values);
    })();
    conn.close();
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const seqs = (await client.query<{ seq: number }>(removed.text, removed.values)).rows.map((r) => Number(r.seq));
      await runOnPostgres(client, steps(seqs));
      await client.query(remove.text, remove.values);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  }
  source = source.filter((r) => r.created_at >= before);
}

describe(`the item index by difference on ${kind}`, () => {
  it("keeps the figures, versions and projects of touched items equal to those of the sightings that remain", async () => {
    const times = source.map((r) => r.created_at).sort((a, b) => a - b);
    for (const cut of [0.1, 0.35, 0.6, 0.9]) {
      await removeBefore(times[Math.floor(cut * times.length)]);
      expect(source.length).toBeGreaterThan(0);
      await expectIndexMatches(db, source);
    }
    const versions = await db.all<{ content: string; interactions: number }>(Prisma.sql`SELECT content, interactions FROM item_versions WHERE item_id = 'drifty'`);
    expect(versions.map((v) => JSON.parse(v.content).text)).toEqual(["v3"]);
  });
});
