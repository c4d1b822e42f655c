import { prisma } from "@/lib/db/prisma";
import { createdAtMs } from "@/lib/interactions/row";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { interactionWhere } from "@/lib/interactions/where";
import { searchBucketCounts, searchExtent } from "@/lib/search/search-interactions";

export type HistogramBucket = { start: number; end: number; count: number };
export type CaptureHistogram = { buckets: HistogramBucket[]; total: number };

/**
 * Captures per time bucket over the filtered range: since..until when given, else the oldest
 * matching capture..now. Each bucket is one count over the filter's composite index (the time
 * column is last in each), and the buckets tile the range, so their sum is the number of matches.
 */
export async function captureHistogram(f: InteractionFilters, bucketCount = 40, now = Date.now()): Promise<CaptureHistogram> {
  const where = interactionWhere(f);
  const search = f.q ? { ...f, q: f.q } : null;
  const extent = search
    ? await searchExtent(search)
    : await Promise.all(
        (["asc", "desc"] as const).map((dir) =>
          prisma().interaction.findFirst({ where, orderBy: [{ created_at: dir }, { seq: dir }], select: { created_at: true } }),
        ),
      ).then(([o, n]) => (o && n ? { oldest: o.created_at, newest: n.created_at } : null));
  if (!extent?.oldest || !extent.newest) return { buckets: [], total: 0 };
  const start = f.since ?? createdAtMs(extent.oldest);
  const end = Math.max(f.until ?? Math.max(now, createdAtMs(extent.newest) + 1), start + 1);
  const width = Math.max(1, Math.ceil((end - start) / bucketCount));
  const bounds = Array.from({ length: bucketCount }, (_, i) => ({ start: start + i * width, end: Math.min(end, start + (i + 1) * width) }))
    .filter((b) => b.start < end);
  // A search counts every bucket in one pass over its matches (one FTS query, not one per bucket).
  const searched = search ? await searchBucketCounts(search, start, width) : null;
  const counts = await Promise.all(
    bounds.map((b, i) =>
      searched
        ? (searched.get(i) ?? 0)
        : prisma().interaction.count({ where: { AND: [where, { created_at: { gte: new Date(b.start), lt: new Date(b.end) } }] } }),
    ),
  );
  const buckets = bounds.map((b, i) => ({ ...b, count: counts[i] }));
  return { buckets, total: counts.reduce((a, b) => a + b, 0) };
}
