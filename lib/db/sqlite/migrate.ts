import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

export type Migration = { name: string; sql: string; checksum: string };

// turbopackIgnore: the migrations are read from disk at run time, not traced into the build.
export function readMigrations(dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: string | null };

/** Applies pending migrations; returns the names applied now. Safe to run concurrently. */
export function migrateSqlite(file: string, migrations = readMigrations()): string[] {
  const db = new Database(file);
  try {
    applyPragmas(db);
    db.exec(BOOKKEEPING);
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
          if (row.checksum !== m.checksum) {
            throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs)`);
          }
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
    db.close();
  }
}
