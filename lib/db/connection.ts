import Database from "better-sqlite3";
import pg from "pg";
import { config } from "@/lib/config";
import { databaseKindOf } from "@/lib/db/database-kind";
import { preparedStatement } from "@/lib/db/sqlite/per-connection";
import { applyPragmas, BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { pgPool } from "@/lib/db/postgres/pool";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { sqlite } from "@/lib/db/sqlite/connection";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A connection to either database, for the small statements that are the same on both
 * (tokens, health): written once with Prisma.sql, run with `.sql` (`?`) on SQLite and `.text`
 * (`$1..$n`) on PostgreSQL. Times go in as Date and come back as epoch ms on both: SQLite
 * stores them as epoch ms (Prisma's unixepoch-ms format), PostgreSQL as timestamptz. (Counts
 * would not read alike: pg gives int8 as text. Lists and the SQL reads go through readRows.)
 */
export type Connection =
  | { kind: "sqlite"; db: Database.Database }
  | { kind: "postgres"; db: pg.Pool | pg.ClientBase };

/** The process's own connection: the SQLite write connection, or the PostgreSQL pool. */
export function processConnection(): Connection {
  return databaseKindOf(config().DATABASE_URL) === "postgres" ? { kind: "postgres", db: pgPool() } : { kind: "sqlite", db: sqlite() };
}

/** A connection of its own to the database at `url` (scripts and tests); close it after use. */
export async function openConnection(url: string): Promise<Connection & { close: () => Promise<void> }> {
  if (databaseKindOf(url) === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { kind: "postgres", db: client, close: () => client.end() };
  }
  const db = new Database(sqliteFileFromUrl(url), { timeout: BUSY_TIMEOUT_MS });
  applyPragmas(db);
  return { kind: "sqlite", db, close: async () => void db.close() };
}

const sqliteValue = (v: unknown) => (v instanceof Date ? v.getTime() : v);

function epochMs<T>(row: Record<string, unknown>): T {
  for (const key in row) if (row[key] instanceof Date) row[key] = row[key].getTime();
  return row as T;
}

export async function queryRows<T>(c: Connection, query: Prisma.Sql): Promise<T[]> {
  if (c.kind === "sqlite") return preparedStatement(c.db, query.sql).all(...query.values.map(sqliteValue)) as T[];
  const { rows } = await c.db.query(query.text, query.values);
  return rows.map((r) => epochMs<T>(r));
}

/** Runs a write; returns how many rows it changed. */
export async function execute(c: Connection, query: Prisma.Sql): Promise<number> {
  if (c.kind === "sqlite") return preparedStatement(c.db, query.sql).run(...query.values.map(sqliteValue)).changes;
  return (await c.db.query(query.text, query.values)).rowCount ?? 0;
}

/**
 * Runs fn in one PostgreSQL transaction that first takes the advisory lock `key`: callers
 * with the same key (in any process) take turns, and under READ COMMITTED each statement
 * after the lock sees what the previous holder committed. (Not inWriteTransaction, lib/db/postgres/write.ts:
 * that one is the captures' path, bound to the process's pool and its group commit; this runs on any connection.)
 */
export async function withAdvisoryLock<T>(db: pg.Pool | pg.ClientBase, key: number, fn: (tx: Connection) => Promise<T>): Promise<T> {
  const client = db instanceof pg.Pool ? await db.connect() : db;
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [key]);
      const result = await fn({ kind: "postgres", db: client });
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    }
  } finally {
    if (client !== db) (client as pg.PoolClient).release();
  }
}
