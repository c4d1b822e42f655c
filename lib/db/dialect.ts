import { configuredDatabaseKind, type DatabaseKind } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";

// What the SQL builders (here and lib/db/sql/) write differently for the two databases; the
// domain passes a dialect along (or lets them default to the configured one) and never asks
// which it is.

/** The SQL dialect of the configured database: what the SQL builders write for. */
export function sqlDialect(): DatabaseKind {
  return configuredDatabaseKind();
}

/**
 * A point in time as a query parameter. SQLite stores times as epoch milliseconds (Prisma's
 * unixepoch-ms), so it compares numbers; PostgreSQL's columns are timestamptz, so it gets a Date
 * and compares instants, never text or a zone-dependent local time.
 */
export function instantParam(ms: number, dialect: DatabaseKind): number | Date {
  return dialect === "postgres" ? new Date(ms) : ms;
}

/** A JSON column read as JSON text on both: SQLite stores the text; PostgreSQL's jsonb is cast. */
export function jsonText(column: string, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  return Prisma.raw(dialect === "postgres" ? `${column}::text` : column);
}

/**
 * A JSON column as text to splice into an answer unparsed: PostgreSQL's jsonb cast to text;
 * SQLite's stored text as its bytes (no decoding into a string and encoding back) where it is
 * valid JSON, else NULL. The caller still checks that it is an object (lib/interactions/record-json.ts).
 */
export function spliceableJson(column: string, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  return Prisma.raw(dialect === "postgres" ? `${column}::text` : `CASE WHEN json_valid(${column}) THEN CAST(${column} AS BLOB) END`);
}

/**
 * The index of the `width` ms bucket from `start` that a time column falls in. SQLite's times
 * are epoch ms already (better-sqlite3 binds a number as a real, hence the cast); PostgreSQL's
 * are instants, measured from `start` in ms.
 */
export function msBucket(column: Prisma.Sql, start: number, width: number, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  return dialect === "postgres"
    ? Prisma.sql`floor(extract(epoch FROM ${column} - ${new Date(start)}::timestamptz) * 1000 / ${width})::integer`
    : Prisma.sql`CAST((${column} - ${start}) / ${width} AS INTEGER)`;
}
