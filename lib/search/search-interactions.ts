import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam, msBucket, sqlDialect } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterConditions, interactionColumns, type RowBound } from "@/lib/db/sql/filter-sql";
import type { InteractionFilters } from "@/lib/interactions/schema";
import type { ParsedSearch } from "@/lib/search/fts-query";
import { searchCondition } from "@/lib/db/sql/search-sql";

// Prisma's query API cannot say MATCH or @@, so a search is SQL: the full-text index yields the
// set of matching rows (lib/db/sql/search-sql.ts), every other filter and the keyset bound apply
// as in lib/db/sql/filter-sql.ts, and the order is the list's (created_at, seq), on both
// databases (no relevance ranking).
//
// On SQLite a page's seqs are chosen from the covering (filter..., created_at, seq) indexes in
// time order, testing each against the set of matches (the `+` keeps SQLite from instead
// fetching every matching row by rowid and sorting them all, whose cost grows with the number of
// matches); only the page's rows are then read whole. PostgreSQL's planner
// picks between that order and a bitmap of the GIN index's matches by its own estimates.

export type SearchFilters = InteractionFilters & { q: ParsedSearch };
export type SearchBound = RowBound;

function conditions(f: SearchFilters, bound: SearchBound, dialect: DatabaseKind): Prisma.Sql {
  return Prisma.join([searchCondition("j", f.q, dialect), ...filterConditions(f, bound, dialect)], " AND ");
}

/**
 * The SQL of up to `take` matching rows beyond the bound: newest first, or oldest first when
 * reading towards the present (`bound.newer`), as the list's paging reads them; their `columns`
 * (tests/unit/query-plans-search.test.ts explains it).
 */
export function searchRowsSql(
  f: SearchFilters,
  bound: SearchBound,
  take: number,
  dialect: DatabaseKind,
  columns: Prisma.Sql = interactionColumns("i"),
): Prisma.Sql {
  const dir = bound.newer ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`
    SELECT ${columns} FROM interactions i
    WHERE i.seq IN (
      SELECT j.seq FROM interactions j
      WHERE ${conditions(f, bound, dialect)}
      ORDER BY j.created_at ${dir}, j.seq ${dir}
      LIMIT ${take})
    ORDER BY i.created_at ${dir}, i.seq ${dir}`;
}

type Instant = number | Date;

/** The times of the oldest and newest match, or null when nothing matches. */
export async function searchExtent(f: SearchFilters): Promise<{ oldest: Instant; newest: Instant } | null> {
  const [row] = await database().reads.rows<{ oldest: Instant; newest: Instant; n: number }>(Prisma.sql`
    SELECT min(j.created_at) AS oldest, max(j.created_at) AS newest, count(*) AS n
    FROM interactions j WHERE ${conditions(f, {}, sqlDialect())}`);
  return row && row.n > 0 ? row : null;
}

/** Matches per bucket of `width` ms from `start` (bucket index -> count), in one pass. */
export async function searchBucketCounts(f: SearchFilters, start: number, width: number): Promise<Map<number, number>> {
  const dialect = sqlDialect();
  const rows = await database().reads.rows<{ bucket: number; n: number }>(Prisma.sql`
    SELECT ${msBucket(Prisma.sql`j.created_at`, start, width, dialect)} AS bucket, count(*) AS n
    FROM interactions j WHERE ${conditions(f, {}, dialect)} AND j.created_at >= ${instantParam(start, dialect)}
    GROUP BY bucket`);
  return new Map(rows.map((r) => [Number(r.bucket), Number(r.n)]));
}
