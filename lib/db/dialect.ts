import { config } from "@/lib/config";
import { databaseKindOf, type DatabaseKind } from "@/lib/db/database-kind";

/** The SQL dialect of the configured database: what the SQL builders write for. */
export function sqlDialect(): DatabaseKind {
  return databaseKindOf(config().DATABASE_URL);
}

/**
 * A point in time as a query parameter. SQLite stores times as epoch milliseconds (Prisma's
 * unixepoch-ms), so it compares numbers; PostgreSQL's columns are timestamptz, so it gets a Date
 * and compares instants, never text or a zone-dependent local time.
 */
export function instantParam(ms: number, dialect: DatabaseKind): number | Date {
  return dialect === "postgres" ? new Date(ms) : ms;
}
