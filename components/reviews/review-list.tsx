import { VerdictBadge } from "@/components/reviews/verdict-badge";
import { relativeTime, utcLabel } from "@/lib/format-time";
import type { ReviewRecord } from "@/lib/reviews/schema";

type Actions = { onCorrect?: (r: ReviewRecord) => void; onRetract?: (r: ReviewRecord) => void };

/** Reviews with author and time (relative, and exact UTC); superseded ones struck through and marked. */
export function ReviewList({ reviews, now, onCorrect, onRetract }: { reviews: readonly ReviewRecord[]; now: number } & Actions) {
  if (reviews.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm" data-testid="review-list">
      {reviews.map((r) => {
        const ms = Date.parse(r.created_at);
        const old = r.superseded_by !== null;
        return (
          <li key={r.id} data-testid="review" data-review-id={r.id} data-superseded={old ? "true" : undefined} className={`rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800 ${old ? "opacity-60" : ""}`}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              {r.retract ? <span className="text-xs font-medium text-zinc-500">retraction</span> : <VerdictBadge verdict={r.verdict} />}
              <span className={old ? "line-through" : ""}>
                {r.labels.map((l) => (
                  <span key={l} className="me-1 rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800">
                    {l}
                  </span>
                ))}
              </span>
              <span className="text-xs text-zinc-500">
                by <span data-testid="review-author">{r.author}</span> ·{" "}
                <time dateTime={r.created_at} title={utcLabel(ms)}>
                  {relativeTime(ms, now)}
                </time>{" "}
                <span className="tabular-nums">({utcLabel(ms)})</span>
              </span>
              {old && <span className="text-xs text-zinc-500" data-testid="superseded">superseded</span>}
              {!old && !r.retract && onCorrect && (
                <span className="ms-auto flex gap-2 text-xs">
                  <button type="button" className="text-sky-700 hover:underline dark:text-sky-400" onClick={() => onCorrect(r)}>
                    Correct
                  </button>
                  <button type="button" className="text-sky-700 hover:underline dark:text-sky-400" onClick={() => onRetract?.(r)}>
                    Retract
                  </button>
                </span>
              )}
            </div>
            {/* Plain text: React escapes it; whitespace kept. */}
            {r.note !== null && <p className={`whitespace-pre-wrap break-words ${old ? "line-through" : ""}`} data-testid="review-note">{r.note}</p>}
          </li>
        );
      })}
    </ul>
  );
}
