import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { preparedStatement } from "@/lib/db/sqlite/per-connection";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { sqlite } from "@/lib/db/sqlite/connection";
import type { Prisma } from "@/lib/generated/prisma/client";

// Every read on SQLite: a read-only connection of its own (WAL lets it read while the write
// thread commits), each statement prepared once per text and then only bound. A prepared
// better-sqlite3 statement costs a fraction of Prisma's query for the same SQL, with far fewer
// slow outliers (ARCHITECTURE.md, "One read mechanism per database").
const globalForReader = globalThis as unknown as { atocoreReader?: Database.Database };

function reader(): Database.Database {
  if (!globalForReader.atocoreReader) {
    const file = sqliteFileFromUrl(config().DATABASE_URL);
    // An in-memory database exists only on its own connection: read it through the writer's.
    globalForReader.atocoreReader = file === ":memory:" ? sqlite() : new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  }
  return globalForReader.atocoreReader;
}

/** Runs a read built with Prisma.sql (its `?` text) on the read-only connection. */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  return preparedStatement(reader(), query.sql).all(...query.values) as T[];
}

/** Closes the read-only connection (the in-memory database's is the writer's, closed with it). */
export function closeReader() {
  const db = globalForReader.atocoreReader;
  globalForReader.atocoreReader = undefined;
  if (db?.readonly) db.close();
}
