import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { readReviewUrl, reviewHref } from "@/app/review/search-params";
import { sessionHref } from "@/app/sessions/search-params";
import { FilterIssues } from "@/components/filter-issues";
import { FiltersBar } from "@/components/filters-bar";
import { QueueActions } from "@/components/reviews/queue-actions";
import { segment } from "@/components/segment";
import { durationLabel, relativeTime, utcLabel } from "@/lib/format-time";
import { findFilteredFacets } from "@/lib/interactions/find-filtered-facets";
import { viewerScopes } from "@/lib/auth/caller";
import type { ListQuery } from "@/lib/interactions/schema";
import { reviewProgress, reviewQueue, type QueueOrder } from "@/lib/reviews/review-queue";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const QUEUE_SHOWN = 20;

async function loadQueue(q: ListQuery, order: QueueOrder) {
  const [queue, progress, facets, reviewer] = await Promise.all([reviewQueue(q, order), reviewProgress(q), findFilteredFacets(q), viewerScopes(await headers()).then((may) => may("review"))]);
  return { queue, progress, facets, reviewer, now: Date.now() };
}

export default async function ReviewQueuePage({ searchParams }: Props) {
  const { params, query, issues, order } = readReviewUrl(await searchParams);
  const q = { ...query, limit: QUEUE_SHOWN };
  const { queue, progress, facets, reviewer, now } = await loadQueue(q, order);
  const [current, ...rest] = queue;
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-semibold">Review queue</h1>
        <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="review-progress">
          {progress.reviewed} of {progress.total} reviewed
        </span>
        <span className="ml-auto flex overflow-hidden rounded border border-zinc-300 text-sm dark:border-zinc-700">
          {(["oldest", "newest"] as const).map((o) => (
            <Link key={o} href={reviewHref(params, { order: o === "oldest" ? undefined : o })} className={segment(order === o)} aria-current={order === o ? "true" : undefined}>
              {o} first
            </Link>
          ))}
        </span>
      </div>
      <FiltersBar basePath="/review" label="Filter the queue" params={params} facets={facets} />
      <FilterIssues issues={issues} />
      {current ? (
        <div className="space-y-2 rounded border border-zinc-300 p-3 dark:border-zinc-700" data-testid="queue-current" data-session-id={current.session_id}>
          <p className="text-sm">
            Next:{" "}
            <Link href={sessionHref(current.session_id)} className="font-mono text-sky-700 hover:underline dark:text-sky-400">
              {current.session_id}
            </Link>{" "}
            <span className="text-zinc-500">
              · {current.turns} turns · last active <time dateTime={current.last_at} title={utcLabel(Date.parse(current.last_at))}>{relativeTime(Date.parse(current.last_at), now)}</time> · span{" "}
              {durationLabel(Date.parse(current.last_at) - Date.parse(current.first_at))}
            </span>
          </p>
          <QueueActions sessionId={current.session_id} canReview={reviewer} />
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="queue-empty">
          Nothing left to review under these filters.
        </p>
      )}
      {rest.length > 0 && (
        <ol className="space-y-0.5 text-sm" data-testid="queue-rest">
          {rest.map((s) => (
            <li key={s.session_id}>
              <Link href={sessionHref(s.session_id)} className="font-mono text-sky-700 hover:underline dark:text-sky-400">
                {s.session_id}
              </Link>{" "}
              <span className="text-zinc-500">
                {s.turns} turns · {relativeTime(Date.parse(s.last_at), now)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
