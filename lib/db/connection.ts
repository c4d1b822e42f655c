import type Database from "better-sqlite3";
import pg from "pg";
import { database, databaseAt } from "@/lib/db";
import { preparedStatement } from "@/lib/db/sqlite/per-connection";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A connection to either database, for the small statements that are the same on both
 * (tokens, health): written once with Prisma.sql, run with `.sql` (`?`) on SQLite and `.text`
 * (`$1..$n`) on PostgreSQL. Times go in as Date and come back as epoch ms on both: SQLite
 * stores them as epoch ms (Prisma's unixepoch-ms format), PostgreSQL as timestamptz. (Counts
 * would not read alike: pg gives int8 as text. Lists and the SQL reads go through database().reads.)
 */
export type Connection =
  | { kind: "sqlite"; db: Database.Database }
  | { kind: "postgres"; db: pg.Pool | pg.ClientBase };

/** The process's own connection: the SQLite write connection, or the PostgreSQL pool. */
export function processConnection(): Connection {
  return database().connections.process();
}

/** A connection of its own to the database at `url` (scripts and tests); close it after use. */
export function openConnection(url: string): Promise<Connection & { close: () => Promise<void> }> {
  return databaseAt(url).connections.open(url);
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
async function withAdvisoryLock<T>(db: pg.Pool | pg.ClientBase, key: number, fn: (tx: Connection) => Promise<T>): Promise<T> {
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

/**
 * Runs a write statement that must not interleave with another caller's under the same `key`
 * (in any process): SQLite runs every write statement under its one write lock already;
 * PostgreSQL (READ COMMITTED) takes the advisory lock `key` first.
 */
export function executeAlone(c: Connection, key: number, query: Prisma.Sql): Promise<number> {
  return c.kind === "sqlite" ? execute(c, query) : withAdvisoryLock(c.db, key, (tx) => execute(tx, query));
}
