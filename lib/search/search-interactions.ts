import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterConditions, type RowBound } from "@/lib/interactions/filter-sql";
import type { InteractionRow } from "@/lib/interactions/row";
import type { InteractionFilters } from "@/lib/interactions/schema";
import type { ParsedSearch } from "@/lib/search/fts-query";

// Prisma's query API cannot say MATCH, so a search is SQL: the FTS5 index yields the set of
// matching rows, every other filter and the keyset bound apply as in lib/interactions/filter-sql.ts,
// and the order is the list's (created_at, seq).
//
// A page's seqs are chosen from the covering (filter..., created_at, seq) indexes in time
// order, testing each against the set of matches (the `+` keeps SQLite from instead fetching
// every matching row by rowid and sorting them all: 770 ms for a common word over 100k rows,
// against 12 ms this way); only the page's rows are then read whole.

export type SearchFilters = InteractionFilters & { q: ParsedSearch };
export type SearchBound = RowBound;

function conditions(f: SearchFilters, bound: SearchBound = {}): Prisma.Sql {
  return Prisma.join(
    [Prisma.sql`+j.seq IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ${f.q.match})`, ...filterConditions(f, bound)],
    " AND ",
  );
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
