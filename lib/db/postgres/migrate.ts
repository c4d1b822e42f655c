import pg from "pg";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { assertUnchanged, readMigrations, type Migration } from "@/lib/db/migrations";

// The PostgreSQL side of lib/db/sqlite/migrate.ts: the same hand-written-SQL migrator over
// prisma/postgres/migrations, keeping Prisma's _prisma_migrations table (PostgreSQL layout).
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The key `prisma migrate deploy` locks too, so our migrator and Prisma's exclude each other.
const MIGRATION_LOCK_KEY = 72707369;

export function postgresMigrationsDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "postgres", "migrations");
}

/**
 * Applies pending migrations; returns the names applied now. Several servers starting at once
 * each wait for the session advisory lock in turn, so each migration is applied exactly once.
 */
export async function migratePostgres(url: string, migrations: Migration[] = readMigrations(postgresMigrationsDir())): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(BOOKKEEPING);
    const applied: string[] = [];
    for (const m of migrations) {
      const { rows } = await client.query<{ checksum: string; finished_at: Date | null }>(
        `SELECT checksum, finished_at FROM "_prisma_migrations"
         WHERE migration_name = $1 AND rolled_back_at IS NULL AND finished_at IS NOT NULL`,
        [m.name],
      );
      if (rows[0]) {
        assertUnchanged(m, rows[0].checksum);
        continue;
      }
      // PostgreSQL's DDL is transactional: a migration and its record commit together or not at all.
      await client.query("BEGIN");
      try {
        const started = new Date();
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
          [randomUUID(), m.checksum, m.name, started],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    // Ending the session releases the advisory lock even if the unlock is never reached.
    await client.end();
  }
}
