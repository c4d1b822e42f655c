import Link from "next/link";
import { listHref } from "@/app/interactions/search-params";
import type { ListParams } from "@/components/list-href";
import { formatCount } from "@/lib/format-count";
import { durationLabel, utcLabel } from "@/lib/format-time";
import type { CaptureHistogram } from "@/lib/interactions/capture-histogram";

/** Captures per time bucket as plain bars; each bar links to its own time window. */
export function Histogram({ histogram, params }: { histogram: CaptureHistogram; params: ListParams }) {
  const { buckets } = histogram;
  if (buckets.length === 0) return null;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = buckets[0].end - buckets[0].start;
  return (
    <figure className="space-y-0.5" aria-label="Captures over time">
      <div className="flex h-12 items-end gap-px border-b border-zinc-300 dark:border-zinc-700">
        {buckets.map((b) => {
          const label = `${formatCount(b.count)} from ${utcLabel(b.start)} to ${utcLabel(b.end)}`;
          return (
            <Link
              key={b.start}
              href={listHref(params, {
                range: undefined,
                since: new Date(b.start).toISOString(),
                until: new Date(b.end).toISOString(),
              })}
              title={label}
              aria-label={label}
              className="group flex h-full flex-1 items-end"
            >
              <span
                className="w-full rounded-t-sm bg-sky-500/70 group-hover:bg-sky-600 dark:bg-sky-400/60 dark:group-hover:bg-sky-300"
                style={{ height: b.count === 0 ? 0 : `${Math.max(4, (b.count / max) * 100)}%` }}
              />
            </Link>
          );
        })}
      </div>
      <figcaption className="flex justify-between text-[11px] text-zinc-500">
        <span>{utcLabel(buckets[0].start)}</span>
        <span className="hidden sm:inline">
          {durationLabel(width)} per bar · highest {formatCount(max)}
        </span>
        <span>{utcLabel(buckets.at(-1)!.end)}</span>
      </figcaption>
    </figure>
  );
}
