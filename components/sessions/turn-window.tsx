"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { TURNS_END_SPACER_ID } from "@/components/sessions/go-to-turn";
import { TurnList } from "@/components/sessions/turn-list";
import type { SessionTurnsWindow, SessionTurnView } from "@/lib/sessions/schema";

// The transcript is served a window of turns at a time; these load the neighbouring windows
// from the turns API (GET /api/sessions/{id}/turns) as the reviewer scrolls down, or on asking
// for the earlier ones, and render them with the server's own card.

type Status = { kind: "idle" } | { kind: "loading" } | { kind: "error"; message: string };

async function fetchTurns(sessionId: string, from: number, limit?: number): Promise<SessionTurnsWindow> {
  const query = new URLSearchParams({ from: String(from), ...(limit ? { limit: String(limit) } : {}) });
  const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/turns?${query}`);
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
  return (await res.json()) as SessionTurnsWindow;
}

function useWindowLoader() {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const run = useCallback(async (load: () => Promise<void>) => {
    setStatus({ kind: "loading" });
    try {
      await load();
      setStatus({ kind: "idle" });
    } catch (err) {
      setStatus({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }, []);
  return { status, run };
}

function Failure({ status }: { status: Status }) {
  return status.kind === "error" ? (
    <p role="alert" className="text-xs text-rose-700 dark:text-rose-300">{`The turns could not be loaded: ${status.message}`}</p>
  ) : null;
}

/** The turns after the server's window, loaded a window at a time as the end comes into view. */
export function LaterTurns({ sessionId, nextFrom }: { sessionId: string; nextFrom: number | null }) {
  const [turns, setTurns] = useState<SessionTurnView[]>([]);
  const [next, setNext] = useState(nextFrom);
  const { status, run } = useWindowLoader();
  const sentinel = useRef<HTMLDivElement>(null);

  const loadMore = useCallback(() => {
    if (next === null) return;
    void run(async () => {
      const page = await fetchTurns(sessionId, next);
      setTurns((before) => [...before, ...page.turns]);
      setNext(page.next_from);
    });
  }, [next, run, sessionId]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || next === null || status.kind !== "idle") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: "600px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [loadMore, next, status.kind]);

  return (
    <>
      <TurnList turns={turns} />
      {next !== null && (
        <div ref={sentinel} className="flex items-center gap-2 text-xs" data-testid="later-turns">
          <button type="button" className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700" disabled={status.kind === "loading"} onClick={loadMore}>
            {status.kind === "loading" ? "Loading turns…" : `Load turns from ${next}`}
          </button>
          <Failure status={status} />
        </div>
      )}
      <div id={TURNS_END_SPACER_ID} aria-hidden />
    </>
  );
}

/** The turns before the server's window (which starts at `first`), loaded on asking, a window at a time. */
export function EarlierTurns({ sessionId, first, windowSize }: { sessionId: string; first: number; windowSize: number }) {
  const [turns, setTurns] = useState<SessionTurnView[]>([]);
  const [start, setStart] = useState(first);
  const { status, run } = useWindowLoader();
  if (start <= 1) return <TurnList turns={turns} />;
  const from = Math.max(1, start - windowSize);
  return (
    <>
      <div className="flex items-center gap-2 text-xs" data-testid="earlier-turns">
        <button
          type="button"
          className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700"
          disabled={status.kind === "loading"}
          onClick={() =>
            void run(async () => {
              const page = await fetchTurns(sessionId, from, start - from);
              setTurns((after) => [...page.turns, ...after]);
              setStart(from);
            })
          }
        >
          {status.kind === "loading" ? "Loading turns…" : `Show turns ${from}–${start - 1}`}
        </button>
        <Failure status={status} />
      </div>
      <TurnList turns={turns} />
    </>
  );
}
