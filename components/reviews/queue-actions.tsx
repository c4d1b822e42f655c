"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postReview } from "@/components/reviews/post-review";
import { usePageKeys } from "@/components/use-page-keys";

/**
 * "Mark reviewed and next": records an `ok` session verdict through the API (the viewer's
 * cookie) and reloads the queue, whose next session then comes first. Key: m (not while typing).
 */
export function QueueActions({ sessionId, canReview }: { sessionId: string; canReview: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function markAndNext() {
    setState({ busy: true, error: null });
    const error = await postReview(`/api/sessions/${encodeURIComponent(sessionId)}/reviews`, { verdict: "ok" });
    setState({ busy: false, error });
    if (!error) router.refresh();
  }

  usePageKeys(canReview, (key) => {
    if (key !== "m") return false;
    void markAndNext();
    return true;
  });

  if (!canReview) return <p className="text-sm text-zinc-500">Your token lacks the review scope: open the session to read it.</p>;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={state.busy}
        onClick={() => void markAndNext()}
        className="rounded border border-emerald-600 px-3 py-1 text-sm text-emerald-800 hover:bg-emerald-50 dark:text-emerald-300 dark:hover:bg-emerald-950"
        aria-keyshortcuts="m"
      >
        Mark reviewed (ok) and next <kbd className="text-xs opacity-60">m</kbd>
      </button>
      {state.error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </span>
      )}
    </div>
  );
}
