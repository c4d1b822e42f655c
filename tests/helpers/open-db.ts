import Database from "better-sqlite3";
import pg from "pg";
import { execute, queryRows, type Connection } from "@/lib/db/connection";
import { databaseKindOf, type DatabaseKind } from "@/lib/db/database-kind";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Direct access to a test server's database, SQLite or PostgreSQL, to check what was stored
 * and to write rows behind the server's back as another tool would. SQL is written once with
 * Prisma.sql and run by lib/db/connection.ts (`.sql` on SQLite, `.text` on PostgreSQL): times
 * go in as Date; rows read the same on both: times as epoch ms, JSON columns as their text,
 * counts as numbers.
 */
export type TestDb = {
  kind: DatabaseKind;
  all<T = Record<string, unknown>>(query: Prisma.Sql): Promise<T[]>;
  get<T = Record<string, unknown>>(query: Prisma.Sql): Promise<T | undefined>;
  /** Runs one statement; returns how many rows it changed. */
  run(query: Prisma.Sql): Promise<number>;
  /** Runs statements without parameters (DDL, BEGIN/COMMIT). */
  exec(sql: string): Promise<void>;
};

// The tests' own connection waits longer for a lock than the server does: with API files running
// side by side on 2 busy cores, another file's direct inserts may hold the write lock past the
// server's 5 s, and a test that gave up then would fail for the machine's load, not for its subject.
const TEST_BUSY_TIMEOUT_MS = 6 * BUSY_TIMEOUT_MS;

const OID = { int8: 20, json: 114, jsonb: 3802 };

// Parsers that make PostgreSQL rows look like SQLite's (which is what the tests were written for);
// queryRows turns the times into epoch ms.
function sqliteLikeParser(oid: number, format?: "text" | "binary") {
  if (format === "binary") return pg.types.getTypeParser(oid, format);
  if (oid === OID.int8) return (v: string) => Number(v);
  if (oid === OID.json || oid === OID.jsonb) return (v: string) => v;
  return pg.types.getTypeParser(oid, "text");
}

// Not lib's openConnection: that one applies the server's pragmas (WAL among them), which a
// test reading the server's own settings must not do, and it reads PostgreSQL rows as lib wants them.
async function connect(url: string): Promise<{ connection: Connection; close: () => Promise<void> }> {
  if (databaseKindOf(url) === "postgres") {
    const client = new pg.Client({ connectionString: url, types: { getTypeParser: sqliteLikeParser } as pg.CustomTypesConfig });
    await client.connect();
    return { connection: { kind: "postgres", db: client }, close: () => client.end() };
  }
  const db = new Database(sqliteFileFromUrl(url), { fileMustExist: true, timeout: TEST_BUSY_TIMEOUT_MS });
  return { connection: { kind: "sqlite", db }, close: async () => void db.close() };
}

/** Opens the database named by a DATABASE_URL (or a SQLite file path); close it after use. */
export async function openTestDb(databaseUrl: string): Promise<TestDb & { close: () => Promise<void> }> {
  const { connection: c, close } = await connect(databaseUrl);
  const all = <T,>(query: Prisma.Sql) => queryRows<T>(c, query);
  return {
    kind: c.kind,
    all,
    get: async <T,>(query: Prisma.Sql) => (await all<T>(query))[0],
    run: (query) => execute(c, query),
    exec: async (sql) => void (c.kind === "sqlite" ? c.db.exec(sql) : await c.db.query(sql)),
    close,
  };
}

/** Opens the database named by a DATABASE_URL (or a SQLite file path), runs fn, closes it. */
export async function withDatabase<T>(databaseUrl: string, fn: (db: TestDb) => Promise<T>): Promise<T> {
  const db = await openTestDb(databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Runs fn inside one transaction of db: all of its writes or none. */
export async function inTransaction<T>(db: TestDb, fn: () => Promise<T>): Promise<T> {
  // On SQLite the write lock is taken at BEGIN, where the busy timeout waits for it. With a
  // deferred BEGIN the first INSERT would take it, and while another file's test held the lock
  // it would fail at once with "database is locked" instead of waiting.
  await db.exec(db.kind === "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN");
  try {
    const result = await fn();
    await db.exec("COMMIT");
    return result;
  } catch (err) {
    await db.exec("ROLLBACK");
    throw err;
  }
}
