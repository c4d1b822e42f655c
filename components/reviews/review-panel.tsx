"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { postReview } from "@/components/reviews/post-review";
import { ReviewList } from "@/components/reviews/review-list";
import { usePageKeys } from "@/components/use-page-keys";
import { itemPointer } from "@/lib/reviews/item-pointer";
import type { ReviewRecord } from "@/lib/reviews/schema";
import { VERDICTS, type Verdict } from "@/lib/reviews/verdicts";

/** A pack item as the panel lists it, to be reviewed by its pointer. */
export type PackItemBrief = { pointer: string; id: string; kind: string; mark: string; preview: string };

type Props = {
  /** The reviews API path of the target (/api/interactions/{id}/reviews or /api/sessions/{id}/reviews). */
  path: string;
  reviews: ReviewRecord[];
  labels: readonly string[];
  canReview: boolean;
  now: number;
  /** The interaction's pack items, each with a review action (none for a session). */
  items?: PackItemBrief[];
  /** How many items the pack holds, when `items` lists only some of them. */
  itemsTotal?: number;
  /** What a verdict applies to, said on the buttons' group. */
  subject: string;
};

const KEYS: Record<string, Verdict> = { o: "ok", p: "problem", "?": "question" };
const KEY_OF: Record<Verdict, string> = { ok: "o", problem: "p", question: "?" };
const BUTTON: Record<Verdict, string> = {
  ok: "border-emerald-600 text-emerald-800 hover:bg-emerald-50 dark:text-emerald-300 dark:hover:bg-emerald-950",
  problem: "border-red-600 text-red-800 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950",
  question: "border-amber-500 text-amber-800 hover:bg-amber-50 dark:text-amber-300 dark:hover:bg-amber-950",
};

/**
 * Records reviews through the API with the viewer's cookie (same-origin): verdict buttons and
 * keys (o, p, ?; n focuses the note; never while typing in a field), label chips, a note, a
 * review action per pack item, and correct / retract on each current review.
 */
export function ReviewPanel({ path, reviews, labels, canReview, now, items = [], itemsTotal = items.length, subject }: Props) {
  const router = useRouter();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [pointer, setPointer] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<ReviewRecord | null>(null);
  const [status, setStatus] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function send(body: Record<string, unknown>) {
    setStatus({ busy: true, error: null });
    const error = await postReview(path, body);
    if (error) {
      setStatus({ busy: false, error });
      return;
    }
    setChosen([]);
    setNote("");
    setPointer(null);
    setCorrecting(null);
    setStatus({ busy: false, error: null });
    router.refresh();
  }

  const give = (verdict: Verdict) =>
    send({ verdict, labels: chosen, note, ...(pointer !== null && { pointer }), ...(correcting && { supersedes: correcting.id }) });
  const retract = (r: ReviewRecord) => send({ retract: true, supersedes: r.id });
  const correct = (r: ReviewRecord) => {
    setCorrecting(r);
    setPointer(itemPointer(r));
    setChosen(r.labels);
  };

  usePageKeys(canReview, (key) => {
    if (key === "n") noteRef.current?.focus();
    else if (KEYS[key]) void give(KEYS[key]);
    else return false;
    return true;
  });

  const whole = reviews.filter((r) => itemPointer(r) === null);
  const byPointer = new Map<string, ReviewRecord[]>();
  for (const r of reviews) {
    const pointer = itemPointer(r);
    if (pointer !== null) byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), r]);
  }
  const actions = canReview ? { onCorrect: correct, onRetract: retract } : {};

  return (
    <div className="space-y-3" data-testid="review-panel">
      {canReview ? (
        <div className="space-y-2 rounded border border-zinc-200 p-2 dark:border-zinc-800">
          <p className="flex flex-wrap items-baseline gap-2 text-sm">
            <span className="font-medium" data-testid="review-subject">
              {pointer !== null ? `Pack item ${pointer}` : subject}
            </span>
            {pointer !== null && (
              <button type="button" className="text-xs text-sky-700 hover:underline dark:text-sky-400" onClick={() => setPointer(null)}>
                review the whole {subject.toLowerCase()} instead
              </button>
            )}
            {correcting && (
              <span className="text-xs text-zinc-500" data-testid="correcting">
                correcting the review by {correcting.author}{" "}
                <button type="button" className="text-sky-700 hover:underline dark:text-sky-400" onClick={() => setCorrecting(null)}>
                  cancel
                </button>
              </span>
            )}
          </p>
          <div role="group" aria-label="Verdict" className="flex flex-wrap gap-2">
            {VERDICTS.map((v) => (
              <button key={v} type="button" disabled={status.busy} onClick={() => void give(v)} className={`rounded border px-3 py-1 text-sm ${BUTTON[v]}`} aria-keyshortcuts={KEY_OF[v]}>
                {v} <kbd className="text-xs opacity-60">{KEY_OF[v]}</kbd>
              </button>
            ))}
          </div>
          <div role="group" aria-label="Labels" className="flex flex-wrap gap-1">
            {labels.map((l) => {
              const on = chosen.includes(l);
              return (
                <button
                  key={l}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setChosen(on ? chosen.filter((c) => c !== l) : [...chosen, l])}
                  className={`rounded-full border px-2 text-xs ${on ? "border-sky-600 bg-sky-600 text-white" : "border-zinc-300 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300"}`}
                >
                  {l}
                </button>
              );
            })}
          </div>
          <label className="block text-xs text-zinc-500">
            Note <kbd className="opacity-60">n</kbd> (plain text)
            <textarea
              ref={noteRef}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              data-testid="review-note-input"
              className="mt-0.5 block w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            />
          </label>
          {status.error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {status.error}
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm text-zinc-500">Reviews are read-only for you: your token lacks the review scope.</p>
      )}
      <ReviewList reviews={whole} now={now} {...actions} />
      {items.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-zinc-500">
            Pack items
            {itemsTotal > items.length && (
              <span className="ml-1 font-normal" data-testid="review-items-shown">
                ({items.length} of {itemsTotal.toLocaleString("en")}: the first ones and those already reviewed)
              </span>
            )}
          </h3>
          <ul className="space-y-1 text-sm" data-testid="review-items">
            {items.map((item) => (
              <li key={item.pointer} data-item-pointer={item.pointer} className="border-l-2 border-zinc-200 pl-2 dark:border-zinc-800">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <code className="text-xs text-zinc-500">{item.pointer}</code>
                  <span className="text-xs">
                    {item.kind} <span className="font-mono">{item.id}</span> · {item.mark}
                  </span>
                  <span className="min-w-0 flex-1 truncate text-xs text-zinc-600 dark:text-zinc-400" dir="auto">
                    {item.preview}
                  </span>
                  {canReview && (
                    <button type="button" className="text-xs text-sky-700 hover:underline dark:text-sky-400" onClick={() => setPointer(item.pointer)} aria-label={`Review item ${item.pointer}`}>
                      Review item
                    </button>
                  )}
                </div>
                <ReviewList reviews={byPointer.get(item.pointer) ?? []} now={now} {...actions} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
