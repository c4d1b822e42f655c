import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { InSteps } from "@/components/deferred";
import { TurnItem, TurnListFrame } from "@/components/sessions/turn-list";
import { TurnOutline } from "@/components/sessions/turn-outline";
import { EarlierTurns, LaterTurns } from "@/components/sessions/turn-window";
import { NotFoundError } from "@/lib/errors";
import { durationLabel, utcLabel } from "@/lib/format-time";
import { getSessionSummary } from "@/lib/sessions/get-session-summary";
import { getSessionTurns } from "@/lib/sessions/get-session-turns";
import { TURN_WINDOW_DEFAULT, type SessionSummary } from "@/lib/sessions/schema";
import { headers } from "next/headers";
import { ReviewPanel } from "@/components/reviews/review-panel";
import { TurnVerdicts } from "@/components/reviews/turn-verdicts";
import { VerdictBadge } from "@/components/reviews/verdict-badge";
import { MAX_LIST_LIMIT } from "@/lib/interactions/schema";
import { viewerScopes } from "@/lib/auth/caller";
import { listSessionReviews } from "@/lib/reviews/list-reviews";
import { nextUnreviewedTurn } from "@/lib/reviews/review-queue";
import { reviewLabels } from "@/lib/reviews/schema";
import { withVerdicts } from "@/lib/reviews/with-verdicts";
import { formatCount } from "@/lib/format-count";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sessionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The page shows one window of turns (?from=N, the first by default); the browser loads the
// windows after it as the reviewer scrolls, and the ones before on asking (turn-window.tsx).
const WINDOW = TURN_WINDOW_DEFAULT;
// Turns rendered per step (components/deferred.tsx): a card holds a turn's texts and pack diff.
const TURNS_PER_STEP = 2;

// The page's params arrive URL-encoded, but generateMetadata's sometimes already decoded
// (Next.js 16): decoding again may fail on a "%", so the title falls back to the text as given.
function titleText(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

function orNotFound<A extends unknown[], T>(read: (...args: A) => Promise<T>) {
  return cache(async (...args: A): Promise<T> => {
    try {
      return await read(...args);
    } catch (err) {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }
  });
}

const loadSummary = orNotFound(getSessionSummary);
const loadWindow = orNotFound(async (sessionId: string, from: number) => {
  const page = await getSessionTurns(sessionId, { from, limit: WINDOW });
  // Beyond the end: the last window instead.
  const last = Math.max(1, page.session.turns - WINDOW + 1);
  return from > last && page.turns.length < WINDOW ? getSessionTurns(sessionId, { from: last, limit: WINDOW }) : page;
});

// A missing session's title comes from not-found.tsx ("Session not found"), not from its id.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const session = await loadSummary(titleText((await params).sessionId));
  return { title: `Session ${session.session_id}` };
}

function fromParam(value: string | string[] | undefined): number {
  const n = Number([value].flat()[0]);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/** The session's reviews, its turns' verdicts and whether this viewer may review. */
async function loadReviews(session: SessionSummary, turns: { id: string; turn: number }[]) {
  const [reviews, reviewer, nextTurn, turnVerdicts, [{ review: verdict }]] = await Promise.all([
    listSessionReviews(session.session_id, { limit: MAX_LIST_LIMIT }),
    viewerScopes(await headers()).then((may) => may("review")),
    nextUnreviewedTurn(session.session_id),
    withVerdicts("interaction", turns, (t) => t.id),
    withVerdicts("session", [session], (s) => s.session_id),
  ]);
  return { reviews, reviewer, nextTurn, turnVerdicts, verdict, now: Date.now() };
}

export default async function SessionPage({ params, searchParams }: Props) {
  const sessionId = decodeURIComponent((await params).sessionId);
  const { session, turns, next_from } = await loadWindow(sessionId, fromParam((await searchParams).from));
  const first = turns[0]?.turn ?? 1;
  const exportHref = (format: string) => `/api/sessions/${encodeURIComponent(sessionId)}/export?format=${format}`;
  const names = (values: string[]) => values.map((v) => v || "—").join(", ");
  const { reviews, reviewer, nextTurn, turnVerdicts, verdict, now } = await loadReviews(session, turns);
  return (
    <section>
      <p className="mb-1 text-xs">
        {/* Esc comes back here (components/keyboard-shortcuts.tsx). */}
        <Link href="/sessions" data-shortcut-back className="text-sky-700 hover:underline dark:text-sky-400">
          ← Sessions
        </Link>
      </p>
      <h1 className="text-lg font-semibold break-all">
        Session <span className="font-mono">{session.session_id}</span>
      </h1>
      <dl className="mt-1 mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <div><dt className="inline">Turns: </dt><dd className="inline tabular-nums">{formatCount(session.turns)}</dd></div>
        <div><dt className="inline">Projects: </dt><dd className="inline">{names(session.projects)}</dd></div>
        <div><dt className="inline">Clients: </dt><dd className="inline">{names(session.clients)}</dd></div>
        <div>
          <dt className="inline">Span: </dt>
          <dd className="inline">
            {utcLabel(Date.parse(session.first_at))} → {utcLabel(Date.parse(session.last_at))} ({durationLabel(Date.parse(session.last_at) - Date.parse(session.first_at))})
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="sr-only">Export</dt>
          <dd className="flex gap-2">
            <a href={exportHref("md")} download className="text-sky-700 hover:underline dark:text-sky-400">Export Markdown</a>
            <a href={exportHref("json")} download className="text-sky-700 hover:underline dark:text-sky-400">Export JSON</a>
            <a
              href={`/api/sessions/${encodeURIComponent(sessionId)}/packet`}
              download
              data-testid="packet-download"
              title="One self-contained HTML file with every turn, its pack and the audit-chain links, verifiable offline"
              className="text-sky-700 hover:underline dark:text-sky-400"
            >
              Audit packet
            </a>
          </dd>
        </div>
      </dl>
      <div className="mb-3 rounded border border-zinc-200 p-2 dark:border-zinc-800">
        {/* The verdict and the next-turn link sit outside <summary>: a link inside it is a control nested in a control. */}
        <p className="flex flex-wrap items-baseline gap-2 text-sm">
          <span className="font-medium">Session review</span>
          <span data-testid="session-verdict">
            <VerdictBadge verdict={verdict} />
          </span>
          {nextTurn ? (
            <Link href={`/interactions/${encodeURIComponent(nextTurn.id)}`} className="text-xs text-sky-700 hover:underline dark:text-sky-400" data-testid="next-unreviewed">
              next unreviewed turn →
            </Link>
          ) : (
            <span className="text-xs text-zinc-500">every turn reviewed</span>
          )}
        </p>
        <details className="mt-1" open={reviewer}>
          <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">Reviews of this session</summary>
          <div className="mt-2">
            <ReviewPanel path={`/api/sessions/${encodeURIComponent(sessionId)}/reviews`} reviews={reviews.reviews} labels={reviewLabels()} canReview={reviewer} now={now} subject="Session" />
          </div>
        </details>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_16rem]">
        {/* One sticky column for the outline and the turn reviews: a sticky outline alone slid over the reviews below it. */}
        <aside className="lg:sticky lg:top-4 lg:order-2 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-auto">
          <TurnOutline total={session.turns} windowSize={WINDOW} from={first} turns={turns} />
          <TurnVerdicts turns={turnVerdicts} />
        </aside>
        <div className="space-y-3 lg:order-1">
          <EarlierTurns key={`earlier-${first}`} sessionId={sessionId} first={first} windowSize={WINDOW} />
          {turns.length > 0 && (
            <TurnListFrame>
              <InSteps items={turns} size={TURNS_PER_STEP} render={(turn) => <TurnItem key={turn.id} turn={turn} />} />
            </TurnListFrame>
          )}
          <LaterTurns key={`later-${first}`} sessionId={sessionId} nextFrom={next_from} />
        </div>
      </div>
    </section>
  );
}
