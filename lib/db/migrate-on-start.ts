import { config } from "@/lib/config";
import { databaseAt } from "@/lib/db";
import { log } from "@/lib/log";

/** Applies pending migrations to the database at `url`, by its kind; returns the names applied now. */
export async function migrateDatabase(url: string): Promise<string[]> {
  return databaseAt(url).migrate.apply(url);
}

export async function migrateOnStart() {
  const url = config().DATABASE_URL;
  const applied = await migrateDatabase(url);
  log.info("database_ready", { ...databaseAt(url).migrate.location(url), migrations_applied: applied });
}
