import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import type { InteractionRow } from "@/lib/interactions/row";
import type { InteractionFilters } from "@/lib/interactions/schema";
import type { ParsedSearch } from "@/lib/search/fts-query";

// Prisma's query API cannot say MATCH, so a search is SQL: the FTS5 index yields the set of
// matching rows, every other filter and the keyset bound apply as in lib/interactions/where.ts,
// and the order is the list's (created_at, seq).
//
// A page's seqs are chosen from the covering (filter..., created_at, seq) indexes in time
// order, testing each against the set of matches (the `+` keeps SQLite from instead fetching
// every matching row by rowid and sorting them all: 770 ms for a common word over 100k rows,
// against 12 ms this way); only the page's rows are then read whole.

export type SearchFilters = InteractionFilters & { q: ParsedSearch };
export type SearchBound = { older?: Cursor; newer?: Cursor };

function conditions(f: SearchFilters, bound: SearchBound = {}): Prisma.Sql {
  const conds: Prisma.Sql[] = [
    Prisma.sql`+j.seq IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ${f.q.match})`,
  ];
  if (f.project !== undefined) conds.push(Prisma.sql`j.project = ${f.project}`);
  if (f.client !== undefined) conds.push(Prisma.sql`j.client = ${f.client}`);
  if (f.session_id !== undefined) conds.push(Prisma.sql`j.session_id = ${f.session_id}`);
  if (f.since !== undefined) conds.push(Prisma.sql`j.created_at >= ${f.since}`);
  if (f.until !== undefined) conds.push(Prisma.sql`j.created_at < ${f.until}`);
  if (bound.older) {
    const { createdAt: t, seq } = bound.older;
    conds.push(Prisma.sql`j.created_at <= ${t} AND (j.created_at < ${t} OR j.seq < ${seq})`);
  }
  if (bound.newer) {
    const { createdAt: t, seq } = bound.newer;
    conds.push(Prisma.sql`j.created_at >= ${t} AND (j.created_at > ${t} OR j.seq > ${seq})`);
  }
  return Prisma.join(conds, " AND ");
}

/**
 * Up to `take` matching rows beyond the bound: newest first, or oldest first when reading
 * towards the present (`bound.newer`), as the list's paging reads them.
 */
export async function searchRows(f: SearchFilters, bound: SearchBound, take: number): Promise<InteractionRow[]> {
  const dir = bound.newer ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return prisma().$queryRaw<InteractionRow[]>`
    SELECT i.* FROM interactions i
    WHERE i.seq IN (
      SELECT j.seq FROM interactions j
      WHERE ${conditions(f, bound)}
      ORDER BY j.created_at ${dir}, j.seq ${dir}
      LIMIT ${take})
    ORDER BY i.created_at ${dir}, i.seq ${dir}`;
}

type Instant = number | bigint | Date | null;

/** The times of the oldest and newest match, or null when nothing matches. */
export async function searchExtent(f: SearchFilters): Promise<{ oldest: Instant; newest: Instant } | null> {
  const [row] = await prisma().$queryRaw<{ oldest: Instant; newest: Instant; n: number | bigint }[]>`
    SELECT min(j.created_at) AS oldest, max(j.created_at) AS newest, count(*) AS n
    FROM interactions j WHERE ${conditions(f)}`;
  return row && Number(row.n) > 0 ? row : null;
}

/** Matches per bucket of `width` ms from `start` (bucket index -> count), in one pass. */
export async function searchBucketCounts(f: SearchFilters, start: number, width: number): Promise<Map<number, number>> {
  const rows = await prisma().$queryRaw<{ bucket: number | bigint; n: number | bigint }[]>`
    SELECT (j.created_at - ${start}) / ${width} AS bucket, count(*) AS n
    FROM interactions j WHERE ${conditions(f)} AND j.created_at >= ${start}
    GROUP BY bucket`;
  return new Map(rows.map((r) => [Number(r.bucket), Number(r.n)]));
}
