import type { Database } from "@/lib/db/database";
import { configuredDatabaseKind, databaseKindOf, type DatabaseKind } from "@/lib/db/database-kind";
import { postgresDatabase } from "@/lib/db/postgres";
import { sqliteDatabase } from "@/lib/db/sqlite";

export type { Database } from "@/lib/db/database";

// Where the database in use is picked: everything else asks database().

const DATABASES: Record<DatabaseKind, Database> = { sqlite: sqliteDatabase, postgres: postgresDatabase };

/** The database at `url`, for scripts and tests that name one (a migration, a verification). */
export function databaseAt(url: string): Database {
  return DATABASES[databaseKindOf(url)];
}

/** The configured database (DATABASE_URL; the configuration is read once per process). */
export function database(): Database {
  return DATABASES[configuredDatabaseKind()];
}
