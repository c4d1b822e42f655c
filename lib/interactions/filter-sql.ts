import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam, sqlDialect } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import type { InteractionFilters } from "@/lib/interactions/schema";

/** A keyset bound: rows older than a cursor, or newer (paging towards the present). */
export type RowBound = { older?: Cursor; newer?: Cursor };

/**
 * The list's filters and keyset bound as SQL conditions on `interactions j`, for the reads
 * written in SQL (the page, the search): the same meaning as lib/interactions/where.ts. The
 * plain `created_at <= t` bound is what lets the database seek the index; the OR only sorts
 * out ties. The text is the same on both databases; only the time parameters differ.
 */
export function filterConditions(f: InteractionFilters, bound: RowBound = {}, dialect: DatabaseKind = sqlDialect()): Prisma.Sql[] {
  const at = (ms: number) => instantParam(ms, dialect);
  const conds: Prisma.Sql[] = [];
  if (f.project !== undefined) conds.push(Prisma.sql`j.project = ${f.project}`);
  if (f.client !== undefined) conds.push(Prisma.sql`j.client = ${f.client}`);
  if (f.session_id !== undefined) conds.push(Prisma.sql`j.session_id = ${f.session_id}`);
  if (f.since !== undefined) conds.push(Prisma.sql`j.created_at >= ${at(f.since)}`);
  if (f.until !== undefined) conds.push(Prisma.sql`j.created_at < ${at(f.until)}`);
  if (bound.older) {
    const { createdAt, seq } = bound.older;
    conds.push(Prisma.sql`j.created_at <= ${at(createdAt)} AND (j.created_at < ${at(createdAt)} OR j.seq < ${seq})`);
  }
  if (bound.newer) {
    const { createdAt, seq } = bound.newer;
    conds.push(Prisma.sql`j.created_at >= ${at(createdAt)} AND (j.created_at > ${at(createdAt)} OR j.seq > ${seq})`);
  }
  return conds;
}

/** Up to `take` rows beyond the bound: newest first, or oldest first towards the present. */
export function pageRowsSql(f: InteractionFilters, bound: RowBound, take: number, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  const conds = filterConditions(f, bound, dialect);
  const where = conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`1 = 1`;
  const dir = bound.newer ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`SELECT * FROM interactions j WHERE ${where} ORDER BY j.created_at ${dir}, j.seq ${dir} LIMIT ${take}`;
}
