import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Every read of the domain: SQL built with Prisma.sql (the builders of lib/db/sql/ write it for
 * the database's dialect), run on the database's one read mechanism.
 */
export interface Reads {
  /** The query's rows; times come back as the driver gives them (lib/interactions/row.ts reads both). */
  rows<T>(query: Prisma.Sql): Promise<T[]>;
}
