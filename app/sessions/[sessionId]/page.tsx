import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { TurnCard } from "@/components/sessions/turn-card";
import { TurnOutline } from "@/components/sessions/turn-outline";
import { NotFoundError } from "@/lib/errors";
import { contextChanges } from "@/lib/sessions/context-changes";
import { durationLabel, utcLabel } from "@/lib/format-time";
import { getSessionTranscript } from "@/lib/sessions/get-session-transcript";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sessionId: string }> };

// The page's params arrive URL-encoded, but generateMetadata's sometimes already decoded
// (Next.js 16): decoding again may fail on a "%", so the title falls back to the text as given.
function titleText(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

// Metadata and page read the transcript once per request; a missing session's title comes
// from not-found.tsx ("Session not found"), not from its id.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { session } = await load(titleText((await params).sessionId));
  return { title: `Session ${session.session_id}` };
}

const load = cache(async (sessionId: string) => {
  try {
    return await getSessionTranscript(sessionId);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
});

export default async function SessionPage({ params }: Props) {
  const sessionId = decodeURIComponent((await params).sessionId);
  const { session, turns } = await load(sessionId);
  const changes = contextChanges(turns);
  const exportHref = (format: string) => `/api/sessions/${encodeURIComponent(sessionId)}/export?format=${format}`;
  const names = (values: string[]) => values.map((v) => v || "—").join(", ");
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
        <div><dt className="inline">Turns: </dt><dd className="inline">{session.turns}</dd></div>
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
          </dd>
        </div>
      </dl>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <aside className="lg:order-2">
          <TurnOutline turns={turns} />
        </aside>
        <ol className="space-y-3 lg:order-1">
          {turns.map((turn, i) => (
            <li key={turn.id}>
              <TurnCard turn={turn} previousAt={turns[i - 1]?.created_at} change={changes[i]} />
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
