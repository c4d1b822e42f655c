import { config } from "@/lib/config";
import { databaseKindOf } from "@/lib/db/database-kind";
import { migrateSqlite } from "@/lib/db/migrate";
import { migratePostgres } from "@/lib/db/migrate-postgres";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";
import { log } from "@/lib/log";

export async function migrateOnStart() {
  const url = config().DATABASE_URL;
  if (databaseKindOf(url) === "postgres") {
    const applied = await migratePostgres(url);
    log.info("database_ready", { database: "postgres", host: new URL(url).host || "localhost", migrations_applied: applied });
    return;
  }
  const file = sqliteFileFromUrl(url);
  const applied = migrateSqlite(file);
  log.info("database_ready", { database: "sqlite", file, migrations_applied: applied });
}
