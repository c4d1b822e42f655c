import { prisma } from "@/lib/db/prisma";
import { createdAtMs } from "@/lib/interactions/row";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { interactionWhere } from "@/lib/interactions/where";

export type HistogramBucket = { start: number; end: number; count: number };
export type CaptureHistogram = { buckets: HistogramBucket[]; total: number };

/**
 * Captures per time bucket over the filtered range: since..until when given, else the oldest
 * matching capture..now. Each bucket is one count over the filter's composite index (the time
 * column is last in each), and the buckets tile the range, so their sum is the number of matches.
 */
export async function captureHistogram(f: InteractionFilters, bucketCount = 40, now = Date.now()): Promise<CaptureHistogram> {
  const where = interactionWhere(f);
  const [oldest, newest] = await Promise.all(
    (["asc", "desc"] as const).map((dir) =>
      prisma().interaction.findFirst({
        where,
        orderBy: [{ created_at: dir }, { seq: dir }],
        select: { created_at: true },
      }),
    ),
  );
  if (!oldest || !newest) return { buckets: [], total: 0 };
  const start = f.since ?? createdAtMs(oldest.created_at);
  const end = Math.max(f.until ?? Math.max(now, createdAtMs(newest.created_at) + 1), start + 1);
  const width = Math.max(1, Math.ceil((end - start) / bucketCount));
  const bounds = Array.from({ length: bucketCount }, (_, i) => ({ start: start + i * width, end: Math.min(end, start + (i + 1) * width) }))
    .filter((b) => b.start < end);
  const counts = await Promise.all(
    bounds.map((b) =>
      prisma().interaction.count({ where: { AND: [where, { created_at: { gte: new Date(b.start), lt: new Date(b.end) } }] } }),
    ),
  );
  const buckets = bounds.map((b, i) => ({ ...b, count: counts[i] }));
  return { buckets, total: counts.reduce((a, b) => a + b, 0) };
}
