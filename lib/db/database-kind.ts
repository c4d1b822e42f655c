import { config } from "@/lib/config";

// DATABASE_URL picks the database: postgres:// or postgresql:// is PostgreSQL (several app
// servers on one database); anything else (file:..., a bare path, unset) is the embedded SQLite.
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKindOf(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/**
 * The kind of the configured database: what database() (lib/db/index.ts) picks by and the SQL
 * builders write for (lib/db/dialect.ts). Nothing else asks.
 */
export function configuredDatabaseKind(): DatabaseKind {
  return databaseKindOf(config().DATABASE_URL);
}
