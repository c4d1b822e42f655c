import Database from "better-sqlite3";
import pg from "pg";
import { databaseKindOf, type DatabaseKind } from "@/lib/db/database-kind";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";

/**
 * Direct access to a test server's database, SQLite or PostgreSQL, to check what was stored
 * and to write rows behind the server's back as another tool would. SQL is written once with
 * `?` placeholders (numbered for PostgreSQL here, so no `?` operators), and rows read the same
 * on both: times as epoch ms, JSON columns as their text, counts as numbers.
 */
export type TestDb = {
  kind: DatabaseKind;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs one statement; returns how many rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Runs statements without parameters (DDL, BEGIN/COMMIT). */
  exec(sql: string): Promise<void>;
  /** An instant as this database's time columns take it: epoch ms on SQLite, a Date on PostgreSQL. */
  time(ms: number): number | Date;
};

const OID = { int8: 20, json: 114, timestamp: 1114, timestamptz: 1184, jsonb: 3802 };

// Parsers that make PostgreSQL rows look like SQLite's (which is what the tests were written for).
function sqliteLikeParser(oid: number, format?: "text" | "binary") {
  if (format === "binary") return pg.types.getTypeParser(oid, format);
  if (oid === OID.int8) return (v: string) => Number(v);
  if (oid === OID.json || oid === OID.jsonb) return (v: string) => v;
  if (oid === OID.timestamp || oid === OID.timestamptz) {
    const toDate = pg.types.getTypeParser(oid, "text") as (v: string) => Date;
    return (v: string) => toDate(v).getTime();
  }
  return pg.types.getTypeParser(oid, "text");
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function openPostgres(url: string): Promise<{ db: TestDb; close: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: sqliteLikeParser } as pg.CustomTypesConfig });
  await client.connect();
  const all = async <T,>(sql: string, ...params: unknown[]) => (await client.query(numbered(sql), params)).rows as T[];
  const db: TestDb = {
    kind: "postgres",
    all,
    get: async <T,>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0],
    run: async (sql, ...params) => (await client.query(numbered(sql), params)).rowCount ?? 0,
    exec: async (sql) => void (await client.query(sql)),
    time: (ms) => new Date(ms),
  };
  return { db, close: () => client.end() };
}

function openSqlite(url: string): { db: TestDb; close: () => Promise<void> } {
  const sqlite = new Database(sqliteFileFromUrl(url), { fileMustExist: true, timeout: 5000 });
  const all = async <T,>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
  const db: TestDb = {
    kind: "sqlite",
    all,
    get: async <T,>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T | undefined,
    run: async (sql, ...params) => sqlite.prepare(sql).run(...params).changes,
    exec: async (sql) => void sqlite.exec(sql),
    time: (ms) => ms,
  };
  return { db, close: async () => void sqlite.close() };
}

/** Opens the database named by a DATABASE_URL (or a SQLite file path), runs fn, closes it. */
export async function withDatabase<T>(databaseUrl: string, fn: (db: TestDb) => Promise<T>): Promise<T> {
  const { db, close } = databaseKindOf(databaseUrl) === "postgres" ? await openPostgres(databaseUrl) : openSqlite(databaseUrl);
  try {
    return await fn(db);
  } finally {
    await close();
  }
}
