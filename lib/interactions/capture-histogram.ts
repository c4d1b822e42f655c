import { processState } from "@/lib/process-state";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { countSql, filterWhere } from "@/lib/db/sql/filter-sql";
import { latestSeq } from "@/lib/interactions/find-facets";
import { latestRetired } from "@/lib/retention/retired-rows";
import { createdAtMs } from "@/lib/interactions/row";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { searchBucketCounts, searchExtent } from "@/lib/search/search-interactions";

export type HistogramBucket = { start: number; end: number; count: number };
export type CaptureHistogram = { buckets: HistogramBucket[]; total: number };

const MINUTE = 60_000;
const CACHED_HISTOGRAMS = 64;
const MAX_DELTA_ROWS = 5_000;

// Counting a million rows in 40 index ranges costs tens of milliseconds, on every view of the
// list. A histogram whose bounds did not change is kept, keyed by its filters and bounds, and
// brought up to date from the rows captured since (seq only grows): only those are read.
// Per process: the start-up warm-up (lib/warm-up.ts) fills it for the pages.
const cache = processState("histograms", () => new Map<string, { maxSeq: number; retired: number; counts: number[] }>());

/**
 * Captures per time bucket over the filtered range: since..until when given, else the oldest
 * matching capture..now (rounded up to the minute, so the bounds hold for a while). Each bucket
 * is one count over the filter's composite index (time last), and the buckets tile the range,
 * so their sum is the number of matches.
 */
export async function captureHistogram(f: InteractionFilters, bucketCount = 40, now = Date.now()): Promise<CaptureHistogram> {
  const { q, ...filters } = f;
  const where = filterWhere(filters);
  // A full-text search (q) is counted through the full-text index (lib/search), in one pass.
  const search = q ? { ...filters, q } : null;
  type Edge = { created_at: Date | number };
  const edge = async (dir: Prisma.Sql) =>
    (await database().reads.rows<Edge>(Prisma.sql`SELECT j.created_at FROM interactions j WHERE ${where} ORDER BY j.created_at ${dir}, j.seq ${dir} LIMIT 1`))[0] ?? null;
  const [extent, maxSeq, retired] = await Promise.all([
    search
      ? searchExtent(search).then((e) => (e?.oldest && e.newest ? [{ created_at: e.oldest }, { created_at: e.newest }] : [null, null]))
      : Promise.all([edge(Prisma.sql`ASC`), edge(Prisma.sql`DESC`)]),
    latestSeq(),
    latestRetired(),
  ]);
  const [oldest, newest] = extent;
  if (!oldest || !newest || !maxSeq) return { buckets: [], total: 0 };
  const start = f.since ?? createdAtMs(oldest.created_at);
  const open = Math.max(now, createdAtMs(newest.created_at) + 1);
  const end = Math.max(f.until ?? Math.ceil(open / MINUTE) * MINUTE, start + 1);
  const width = Math.max(1, Math.ceil((end - start) / bucketCount));
  const bounds = Array.from({ length: bucketCount }, (_, i) => ({ start: start + i * width, end: Math.min(end, start + (i + 1) * width) })).filter(
    (b) => b.start < end,
  );

  // The filters themselves are the key, so any filter added to them later is part of the key too.
  const key = JSON.stringify([filters, q?.match ?? null, start, end, bucketCount]);
  // Retired rows were counted: such an entry is counted again.
  const hit = cache.get(key)?.retired === retired ? cache.get(key) : undefined;
  let counts: number[] | undefined;
  if (hit && hit.maxSeq === maxSeq) counts = hit.counts;
  else if (hit && hit.maxSeq < maxSeq && !search) {
    const added = await database().reads.rows<Edge>(Prisma.sql`
      SELECT j.created_at FROM interactions j
      WHERE ${where} AND j.seq > ${hit.maxSeq} AND j.seq <= ${maxSeq} LIMIT ${MAX_DELTA_ROWS + 1}`);
    if (added.length <= MAX_DELTA_ROWS) {
      counts = [...hit.counts];
      for (const row of added) {
        const t = createdAtMs(row.created_at);
        if (t >= start && t < end) counts[Math.floor((t - start) / width)]++;
      }
    }
  }
  if (!counts && search) {
    const perBucket = await searchBucketCounts(search, start, width);
    counts = bounds.map((_, i) => perBucket.get(i) ?? 0);
  }
  // A bucket lies within since..until, so its own bounds replace them.
  counts ??= await Promise.all(
    bounds.map(async (b) => (await database().reads.rows<{ n: number }>(countSql({ ...filters, since: b.start, until: b.end })))[0].n),
  );
  cache.delete(key);
  cache.set(key, { maxSeq, retired, counts });
  if (cache.size > CACHED_HISTOGRAMS) cache.delete(cache.keys().next().value!);

  const buckets = bounds.map((b, i) => ({ ...b, count: counts[i] }));
  return { buckets, total: counts.reduce((a, b) => a + b, 0) };
}
