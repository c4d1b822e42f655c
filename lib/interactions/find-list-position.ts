import { sqlDialect } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaptureHistogram } from "@/lib/interactions/capture-histogram";
import type { Cursor } from "@/lib/interactions/cursor";
import { filterWhere } from "@/lib/db/sql/filter-sql";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { searchCondition } from "@/lib/db/sql/search-sql";

/** Where a page sits in the list: its rows' 1-based positions among `total` matches. */
export type ListPosition = { first: number; last: number; total: number };

/**
 * The position of a page whose newest row is `top` and which holds `rows` rows. The rows
 * newer than it are the histogram's buckets after the one holding `top` (already counted)
 * plus one count inside that bucket, so a deep page costs at most one bucket's range of the
 * filter's index, not every row before it.
 */
export async function findListPosition(f: InteractionFilters, top: Cursor, rows: number, histogram: CaptureHistogram): Promise<ListPosition | null> {
  const i = histogram.buckets.findIndex((b) => b.start <= top.createdAt && top.createdAt < b.end);
  if (i < 0 || rows === 0) return null;
  const dialect = sqlDialect();
  const { q, ...plain } = f;
  const inBucket = filterWhere({ ...plain, until: histogram.buckets[i].end }, { newer: top }, dialect);
  const where = q ? Prisma.sql`${searchCondition("j", q, dialect)} AND ${inBucket}` : inBucket;
  const [{ n }] = await database().reads.rows<{ n: number | bigint }>(Prisma.sql`SELECT count(*) AS n FROM interactions j WHERE ${where}`);
  const before = histogram.buckets.slice(i + 1).reduce((sum, b) => sum + b.count, 0) + Number(n);
  return { first: before + 1, last: before + rows, total: histogram.total };
}
