import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { BUSY_TIMEOUT_MS } from "@/lib/db/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";
import { sqlite } from "@/lib/db/sqlite";
import type { Prisma } from "@/lib/generated/prisma/client";

// A read-only connection for the hottest read, the list's page: a prepared better-sqlite3
// statement costs about 0.6x Prisma's query there, with far fewer slow outliers (npm run
// bench, "read path" rows). Every other read stays on Prisma (lib/db/prisma.ts).
const globalForReader = globalThis as unknown as {
  atocoreReader?: { db: Database.Database; statements: Map<string, Database.Statement> };
};

function reader() {
  if (!globalForReader.atocoreReader) {
    const file = sqliteFileFromUrl(config().DATABASE_URL);
    // An in-memory database exists only on its own connection: read it through the writer's.
    const db = file === ":memory:" ? sqlite() : new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
    globalForReader.atocoreReader = { db, statements: new Map() };
  }
  return globalForReader.atocoreReader;
}

/** Runs a query built with Prisma.sql on the read-only connection, its statement prepared once. */
export function readRows<T>(query: Prisma.Sql): T[] {
  const { db, statements } = reader();
  let statement = statements.get(query.sql);
  if (!statement) {
    statement = db.prepare(query.sql);
    statements.set(query.sql, statement);
  }
  return statement.all(...query.values) as T[];
}

/** Closes the read-only connection (before the writer's, so the writer's close checkpoints the WAL). */
export function closeReader() {
  const r = globalForReader.atocoreReader;
  globalForReader.atocoreReader = undefined;
  if (r?.db.readonly) r.db.close();
}
