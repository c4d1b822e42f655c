import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { assertUnchanged, readMigrations } from "@/lib/db/migrations";
import { registerPackItemSightings } from "@/lib/db/sqlite/migration-functions";
import { applyPragmas } from "@/lib/db/sqlite/pragmas";

// Prisma's migration engine cannot be downloaded on our machines, so this applies the
// hand-written SQL in prisma/migrations and records each in _prisma_migrations with the
// columns and checksum Prisma uses, so that `prisma migrate deploy` elsewhere agrees.
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: string | null };

// How long a migrator waits for the file while another one (a second server starting at the
// same time) holds it: as long as the longest migration may take (the item index backfill of a
// large database), so that it then finds the work done instead of failing after the app's
// busy timeout. SQLite releases a dead process's locks, so only real work is waited for.
const MIGRATION_WAIT_MS = 60 * 60 * 1000;

/** Applies pending migrations; returns the names applied now. Safe to run concurrently. */
export function migrateSqlite(file: string, migrations = readMigrations()): string[] {
  const db = new Database(file);
  try {
    applyPragmas(db, MIGRATION_WAIT_MS);
    // A migration's sorts (GROUP BY, an index built over a filled table) use the other cores too.
    db.pragma(`threads = ${Math.min(4, availableParallelism())}`);
    registerPackItemSightings(db);
    db.exec(BOOKKEEPING);
    const finished = new Set(db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").pluck().all());
    if (migrations.some((m) => !finished.has(m.name))) rollbackJournalIfAlone(db);
    const applied: string[] = [];
    for (const m of migrations) {
      // IMMEDIATE takes the write lock first, so two servers starting at once cannot
      // both decide the same migration is pending.
      const ran = db.transaction(() => {
        const row = db
          .prepare(
            `SELECT migration_name, checksum, finished_at FROM _prisma_migrations
             WHERE migration_name = ? AND rolled_back_at IS NULL`,
          )
          .get(m.name) as AppliedRow | undefined;
        if (row?.finished_at) {
          assertUnchanged(m, row.checksum);
          return false;
        }
        const started = Date.now();
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations
             (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, ?, 1)`,
        ).run(randomUUID(), m.checksum, Date.now(), m.name, started);
        return true;
      }).immediate();
      if (ran) applied.push(m.name);
    }
    return applied;
  } finally {
    // The app's connections count on WAL (reads beside the write, read transactions that
    // become writes), so the file is WAL again before this returns: waiting, should another
    // migrator hold it, as long as for a migration.
    db.pragma("journal_mode = WAL");
    db.close();
  }
}

/**
 * A migration may write GBs (the item index backfill). In WAL mode each page is written twice,
 * to the WAL and then into the file by the checkpoint (a sixth of a backfill's time); under a
 * rollback journal once, as pages added to the file are not journaled. SQLite leaves WAL only
 * for a connection alone with the file; with another one open it stays WAL (as safe), answered
 * at once rather than after the busy timeout. Connections opened meanwhile are migrators
 * (the app migrates before it opens any), which wait for this one and set WAL again.
 */
function rollbackJournalIfAlone(db: Database.Database): void {
  db.pragma("busy_timeout = 0");
  try {
    db.pragma("journal_mode = DELETE");
  } catch (err) {
    if ((err as { code?: string }).code !== "SQLITE_BUSY") throw err;
  } finally {
    db.pragma(`busy_timeout = ${MIGRATION_WAIT_MS}`);
  }
}
