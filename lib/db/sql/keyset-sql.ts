import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";

/** The columns a list is ordered by, newest first: a time and the seq that breaks its ties. */
export type KeysetColumns = { at: Prisma.Sql; seq: Prisma.Sql };

/**
 * Rows strictly beyond a cursor in list order: older than it, or newer (paging towards the
 * present). The plain `at <= t` bound is what lets the database seek the (..., at, seq) index;
 * the OR only sorts out ties. Every keyset list (interactions, sessions, an item's uses) pages
 * with this one condition.
 */
export function keysetCondition(cols: KeysetColumns, cursor: Cursor, side: "older" | "newer", dialect: DatabaseKind): Prisma.Sql {
  const t = instantParam(cursor.createdAt, dialect);
  const { at, seq } = cols;
  return side === "older"
    ? Prisma.sql`${at} <= ${t} AND (${at} < ${t} OR ${seq} < ${cursor.seq})`
    : Prisma.sql`${at} >= ${t} AND (${at} > ${t} OR ${seq} > ${cursor.seq})`;
}
