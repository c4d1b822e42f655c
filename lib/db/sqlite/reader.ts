import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import pg from "pg";
import { config } from "@/lib/config";
import { sqlDialect } from "@/lib/db/dialect";
import { preparedStatement } from "@/lib/db/sqlite/per-connection";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { pgPool } from "@/lib/db/postgres/pool";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { sqlite } from "@/lib/db/sqlite/connection";
import type { Prisma } from "@/lib/generated/prisma/client";

// The reads written in SQL (the list's page, the search, the session list, the reverse lookup).
// On SQLite a read-only connection: a prepared better-sqlite3 statement costs less than
// Prisma's query there, with far fewer slow outliers (npm run bench, "read path" rows). On
// PostgreSQL the process's pool, as named statements: each connection parses and plans a
// statement once and then only binds. Every other read stays on Prisma (lib/db/prisma.ts).
const globalForReader = globalThis as unknown as { atocoreReader?: Database.Database };

function reader(): Database.Database {
  if (!globalForReader.atocoreReader) {
    const file = sqliteFileFromUrl(config().DATABASE_URL);
    // An in-memory database exists only on its own connection: read it through the writer's.
    globalForReader.atocoreReader = file === ":memory:" ? sqlite() : new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  }
  return globalForReader.atocoreReader;
}

// count(*) and other bigint results arrive from pg as strings (int8 can exceed 2^53); ours are
// row counts, far below that, so they are read as numbers, as better-sqlite3 gives them.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? Number : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format),
};

// A statement's name is derived from its text, so each distinct statement is prepared once per
// connection and the same text always reuses it (PostgreSQL's limit on a name is 63 bytes).
const statementName = (text: string) => `atocore_${createHash("sha1").update(text).digest("hex")}`;

/**
 * Runs a read built with Prisma.sql for the configured database (SQLite's `?` text or
 * PostgreSQL's `$n` text, the same values): build it with that dialect's parameters
 * (lib/db/dialect.ts) where they differ.
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  if (sqlDialect() === "postgres") {
    const result = await pgPool().query({ name: statementName(query.text), text: query.text, values: query.values, types: pgTypes });
    return result.rows as T[];
  }
  return preparedStatement(reader(), query.sql).all(...query.values) as T[];
}

/** Closes the read-only connection (the in-memory database's is the writer's, closed with it). */
export function closeReader() {
  const db = globalForReader.atocoreReader;
  globalForReader.atocoreReader = undefined;
  if (db?.readonly) db.close();
}
