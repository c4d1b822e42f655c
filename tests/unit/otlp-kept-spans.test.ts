import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeptSpan } from "@/lib/db/contract/otlp-spans";
import { readMigrations } from "@/lib/db/migrations";
import { migratePostgres, postgresMigrationsDir } from "@/lib/db/postgres/migrate";
import { runSteps as runOnPostgres } from "@/lib/db/postgres/run-steps";
import { keepSpansSteps, otlpSpanReads } from "@/lib/db/sql/otlp-spans-sql";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { runSteps as runOnSqlite } from "@/lib/db/sqlite/run-steps";
import { openTestDb, type TestDb } from "../helpers/open-db";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// The kept OTLP spans (lib/db/sql/otlp-spans-sql.ts) on the database TEST_DATABASE names: kept
// once whatever the re-exports, forgotten after their time, read by trace and by key.
const kind = testDatabaseKind();
let database: TestDatabase;
let db: TestDb & { close: () => Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase("otlp-spans", kind);
  if (kind === "sqlite") migrateSqlite(database.file!, readMigrations());
  else await migratePostgres(database.url, readMigrations(postgresMigrationsDir()));
  db = await openTestDb(database.url);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function keep(spans: KeptSpan[], now: number, forgetBefore: number) {
  if (kind === "sqlite") {
    const conn = new Database(database.file!);
    conn.transaction(() => runOnSqlite(conn, keepSpansSteps("sqlite", spans, now, forgetBefore)))();
    conn.close();
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await runOnPostgres(client, keepSpansSteps("postgres", spans, now, forgetBefore));
    await client.end();
  }
}

const span = (trace: string, id: string, extra: Partial<KeptSpan> = {}): KeptSpan => ({
  trace_id: trace,
  span_id: id,
  parent_span_id: "root",
  // Beyond a double's precision: kept exactly.
  start_ns: "1764950400123456789",
  memories: "[]",
  chunks: "[]",
  ...extra,
});

describe(`kept OTLP spans on ${kind}`, () => {
  it("keeps each span once, reads shapes by trace and items by key, and forgets the old ones", async () => {
    const reads = otlpSpanReads((q) => db.all(q));
    const T = Date.UTC(2026, 11, 6);
    const many = Array.from({ length: 1200 }, (_, i) => span("t-many", `s${i}`));
    await keep([span("t1", "a", { chunks: JSON.stringify([{ id: "doc-1", content: "富士山" }]) }), ...many], T, T - 3_600_000);
    // A re-export keeps nothing twice, and changes nothing kept.
    await keep([span("t1", "a", { chunks: "[]" })], T + 1000, T - 3_600_000);
    expect(await reads.shapes(["t1"], 100)).toEqual([{ trace_id: "t1", span_id: "a", parent_span_id: "root", start_ns: "1764950400123456789" }]);
    expect(await reads.shapes(["t-many"], 1000)).toHaveLength(1000);
    expect(await reads.items([{ trace_id: "t1", span_id: "a" }, { trace_id: "t1", span_id: "missing" }])).toEqual([
      { trace_id: "t1", span_id: "a", memories: "[]", chunks: JSON.stringify([{ id: "doc-1", content: "富士山" }]) },
    ]);
    // An hour on, the next keep forgets what came before its window.
    await keep([span("t2", "b")], T + 3_600_001, T + 1);
    expect(await reads.shapes(["t1", "t-many", "t2"], 5000)).toEqual([{ trace_id: "t2", span_id: "b", parent_span_id: "root", start_ns: "1764950400123456789" }]);
  });
});
