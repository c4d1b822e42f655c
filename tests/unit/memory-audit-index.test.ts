import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { migratePostgres, postgresMigrationsDir } from "@/lib/db/postgres/migrate";
import { realisticTurns } from "@/lib/demo/generate-turns";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaptureInput } from "@/lib/interactions/schema";
import { storeRows } from "@/lib/db/sqlite/store";
import { directRowOf, insertRows } from "../helpers/direct-rows";
import { expectIndexMatches, type SourceRow, type StatRow } from "../helpers/item-figures";
import { openTestDb, type TestDb } from "../helpers/open-db";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// The item index (migration 20261207030000_item_index) on the database TEST_DATABASE names:
// its backfill over interactions stored with the previous schema, and its trigger on new ones,
// both equal to figures computed in JavaScript with the pack rules of analyze-pack.ts.
const MIGRATION = "20261207030000_item_index";
const kind = testDatabaseKind();
let database: TestDatabase;
let db: TestDb & { close: () => Promise<void> };
const source: SourceRow[] = [];

const migrations = () => (kind === "sqlite" ? readMigrations() : readMigrations(postgresMigrationsDir()));
async function migrate(upTo?: string) {
  const list = migrations().filter((m) => upTo === undefined || m.name < upTo);
  if (kind === "sqlite") migrateSqlite(database.file!, list);
  else await migratePostgres(database.url, list);
}

async function store(rows: (SourceRow & { client?: string })[]) {
  await insertRows(db, rows.map(directRowOf));
  source.push(...rows);
}

/**
 * Captures as the app stores them: on SQLite through the capture's transaction (store-sqlite.ts
 * writes the index), on PostgreSQL through the table (its trigger writes it).
 */
async function capture(rows: (SourceRow & { client?: string })[]) {
  if (kind === "postgres") return store(rows);
  const conn = new Database(database.file!);
  const input = (r: SourceRow & { client?: string }): CaptureInput => ({
    prompt: "p",
    response: "",
    response_summary: "",
    project: r.project,
    client: r.client ?? "c",
    session_id: "",
    memories_used: r.memories_used,
    chunks_used: r.chunks_used,
    context_pack: r.context_pack as Record<string, unknown>,
  });
  conn.transaction(() => storeRows(conn, rows.map((r) => ({ input: input(r), createdAt: r.created_at })))).immediate();
  conn.close();
  source.push(...rows);
}

const compare = () => expectIndexMatches(db, source);

const T0 = Date.UTC(2026, 10, 1);
const drift = (text: string, score: number, at: number, used: string[] = []): SourceRow => ({
  memories_used: used,
  chunks_used: [],
  context_pack: { memories: [{ id: "drifty", text, score, rank: 1 }] },
  project: "drift",
  created_at: at,
});

beforeAll(async () => {
  database = await createTestDatabase("item-index", kind);
  await migrate(MIGRATION);
  db = await openTestDb(database.url);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe(`item index on ${kind}`, () => {
  it("backfills interactions stored before the migration", async () => {
    const { turns } = realisticTurns({ rows: 150, longSessionTurns: 20, bigPack: false, project: 3, days: 10, now: T0 });
    const rows = [...turns()].map((t) => ({ ...t, created_at: Date.parse(t.created_at) }));
    await store(rows);
    await store([
      drift("the deploy runs on Fridays", 0.9, T0 + 1),
      drift("the deploy runs on Fridays", 0.4, T0 + 2, ["drifty"]),
      // used without being offered, and an id given as memory_id / chunk_id / plain id under "chunks"
      { memories_used: ["ghost"], chunks_used: ["c-9"], context_pack: { chunks: [{ id: "c-9", text: "x" }, { chunk_id: 7, text: "y" }], notes: { memory_id: "m-n" } }, project: "p2", created_at: T0 + 3 },
      // one object twice in a pack (its ranking fields aside): one interaction of one version
      {
        memories_used: ["twice"],
        chunks_used: [],
        context_pack: { memories: [{ id: "twice", text: "a", score: 1 }, { id: "twice", text: "a", score: 2 }] },
        project: "p2",
        created_at: T0 + 4,
      },
    ]);
    await migrate();
    await compare();
  }, 120_000);

  it("keeps the index on every capture afterwards, and tells drift from a score change", async () => {
    await capture([
      drift("the deploy runs on Fridays", 0.1, T0 + 10),
      drift("the deploy runs on Thursdays", 0.95, T0 + 11, ["drifty"]),
      drift("the deploy runs on Thursdays", 0.2, T0 + 12),
    ]);
    const { turns } = realisticTurns({ rows: 60, longSessionTurns: 0, bigPack: false, project: 2, days: 5, now: T0 + 20 * 86_400_000, seed: 7 });
    await capture([...turns()].map((t) => ({ ...t, created_at: Date.parse(t.created_at) })));
    await compare();
    const versions = await db.all<{ content: string; interactions: number }>(Prisma.sql`
      SELECT content, interactions FROM item_versions WHERE kind = 'memory' AND item_id = 'drifty' ORDER BY id`);
    expect(versions.map((v) => [JSON.parse(v.content), v.interactions])).toEqual([
      [{ id: "drifty", text: "the deploy runs on Fridays" }, 3],
      [{ id: "drifty", text: "the deploy runs on Thursdays" }, 2],
    ]);
    const stat = await db.get<StatRow>(Prisma.sql`SELECT * FROM item_stats WHERE kind = 'memory' AND item_id = 'drifty'`);
    expect(stat).toMatchObject({ offered: 5, used: 2, used_unoffered: 0, versions: 2 });
  }, 120_000);
});
