import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { applyWriterPragmas } from "@/lib/db/sqlite/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { walSyncer, type WalSyncer } from "@/lib/db/sqlite/wal-sync";

// The one write connection of this process. Captures go through better-sqlite3 directly:
// its synchronous transactions cannot interleave, and Prisma's per-query cost would be most of
// this path's. Reads go through lib/db/sqlite/reader.ts.
const globalForSqlite = globalThis as unknown as {
  atocoreSqlite?: Database.Database;
  atocoreWal?: WalSyncer;
};

export function sqlite(): Database.Database {
  if (!globalForSqlite.atocoreSqlite) {
    const file = sqliteFileFromUrl(config().DATABASE_URL);
    const db = new Database(file);
    applyWriterPragmas(db);
    globalForSqlite.atocoreSqlite = db;
    globalForSqlite.atocoreWal = file === ":memory:" ? { synced: async () => {}, syncNow: () => {}, close: async () => {} } : walSyncer(`${file}-wal`);
  }
  return globalForSqlite.atocoreSqlite;
}

/** Resolves once every commit made so far on sqlite() is on disk: await it before acknowledging. */
export function committedDurably(): Promise<void> {
  sqlite();
  return globalForSqlite.atocoreWal!.synced();
}

/** committedDurably(), blocking this thread for the flush: for the write thread, which waits for it anyway. */
export function committedDurablyNow(): void {
  sqlite();
  globalForSqlite.atocoreWal!.syncNow();
}

/**
 * Copies every commit in the WAL into the database file and empties the WAL, as a shutdown
 * promises (docs/deploying.md): closing the connections cannot, since the write thread's stays open to
 * the end. Best effort: a lock held elsewhere (another process writing) leaves the WAL as it is,
 * which is as safe, only larger.
 */
export function checkpointSqlite() {
  try {
    globalForSqlite.atocoreSqlite?.pragma("wal_checkpoint(TRUNCATE)");
  } catch {
    // the WAL stays; the next open reads it
  }
}

export function closeSqlite() {
  globalForSqlite.atocoreSqlite?.close();
  globalForSqlite.atocoreSqlite = undefined;
  // The WAL's handle goes with its connection; a flush still running ends first.
  void globalForSqlite.atocoreWal?.close();
  globalForSqlite.atocoreWal = undefined;
}
