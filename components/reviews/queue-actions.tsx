"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * "Mark reviewed and next": records an `ok` session verdict through the API (the viewer's
 * cookie) and reloads the queue, whose next session then comes first. Key: m (not while typing).
 */
export function QueueActions({ sessionId, canReview }: { sessionId: string; canReview: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function markAndNext() {
    setState({ busy: true, error: null });
    const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/reviews`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: crypto.randomUUID(), verdict: "ok" }),
    }).catch(() => null);
    if (!res?.ok) {
      const message = res ? ((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`) : "the server did not answer";
      setState({ busy: false, error: `Not saved: ${message}` });
      return;
    }
    setState({ busy: false, error: null });
    router.refresh();
  }

  const act = useRef(markAndNext);
  useEffect(() => {
    act.current = markAndNext;
  });
  useEffect(() => {
    if (!canReview) return;
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.key !== "m") return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      e.preventDefault();
      void act.current();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canReview]);

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
