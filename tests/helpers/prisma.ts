import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * A Prisma client on a SQLite file. The generated clients are the models' types; the app
 * reads and writes through lib/db/ (database()), and tests use a client to round-trip every
 * field of every model through the schema (tests/unit/schema-drift.test.ts).
 */
export function sqlitePrisma(file: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS }, { timestampFormat: "unixepoch-ms" }) });
}
