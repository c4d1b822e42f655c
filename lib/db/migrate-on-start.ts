import { config } from "@/lib/config";
import { databaseKindOf } from "@/lib/db/database-kind";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { log } from "@/lib/log";

/** Applies pending migrations to the database at `url`, by its kind; returns the names applied now. */
export async function migrateDatabase(url: string): Promise<string[]> {
  return databaseKindOf(url) === "postgres" ? migratePostgres(url) : migrateSqlite(sqliteFileFromUrl(url));
}

export async function migrateOnStart() {
  const url = config().DATABASE_URL;
  const applied = await migrateDatabase(url);
  const where = databaseKindOf(url) === "postgres" ? { database: "postgres", host: new URL(url).host || "localhost" } : { database: "sqlite", file: sqliteFileFromUrl(url) };
  log.info("database_ready", { ...where, migrations_applied: applied });
}
