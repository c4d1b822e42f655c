import { config } from "@/lib/config";
import { migrateSqlite } from "@/lib/db/migrate";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";
import { log } from "@/lib/log";

export function migrateOnStart() {
  const file = sqliteFileFromUrl(config().DATABASE_URL);
  const applied = migrateSqlite(file);
  log.info("database_ready", { file, migrations_applied: applied });
}
