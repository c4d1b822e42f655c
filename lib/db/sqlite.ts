import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { applyPragmas } from "@/lib/db/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";

// The one write connection of this process. Captures go through better-sqlite3 directly:
// its synchronous transactions cannot interleave, and Prisma's per-query cost is 3-4x on
// this path (../shared/STACK.md). Reads go through Prisma (lib/db/prisma.ts).
const globalForSqlite = globalThis as unknown as { atocoreSqlite?: Database.Database };

export function sqlite(): Database.Database {
  if (!globalForSqlite.atocoreSqlite) {
    const db = new Database(sqliteFileFromUrl(config().DATABASE_URL));
    applyPragmas(db);
    globalForSqlite.atocoreSqlite = db;
  }
  return globalForSqlite.atocoreSqlite;
}

export function closeSqlite() {
  globalForSqlite.atocoreSqlite?.close();
  globalForSqlite.atocoreSqlite = undefined;
}
