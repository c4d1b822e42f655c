import Link from "next/link";
import { UtcTime } from "@/components/utc-time";
import { formatCount } from "@/lib/format-count";
import type { PreviewPage } from "@/lib/interactions/list-previews";
import type { ItemKind } from "@/lib/usage/find-item-interactions";
import type { ItemUsage, SessionUse } from "@/lib/usage/get-item-usage";

type Props = {
  kind: ItemKind;
  itemId: string;
  usage: ItemUsage;
  page: PreviewPage;
  /** The URL of this page's first (newest) page, when showing an older one. */
  newestHref: string | null;
  olderHref: string | null;
};

const label = { memory: "Memory", chunk: "Chunk" } as const;

// The axis spans the sessions shown (the most recent ones), not every use of the item: older
// uses outside them would squeeze the bars into the right edge. A bar keeps a visible width
// and stays inside the track at either end.
function SessionTimeline({ sessions }: { sessions: SessionUse[] }) {
  const start = Math.min(...sessions.map((s) => Date.parse(s.first)));
  const end = Math.max(...sessions.map((s) => Date.parse(s.last)));
  const span = Math.max(1, end - start);
  const pct = (iso: string) => ((Date.parse(iso) - start) / span) * 100;
  return (
    <div className="text-xs">
      <ol className="space-y-1" aria-label="Sessions that used it">
        {sessions.map((s) => (
          <li key={s.session_id} className="grid grid-cols-[minmax(0,12rem)_1fr_auto] items-center gap-2">
            <Link href={`/sessions/${encodeURIComponent(s.session_id)}`} className="truncate font-mono text-sky-700 hover:underline dark:text-sky-400">
              {s.session_id}
            </Link>
            <div className="relative h-2 rounded bg-zinc-100 dark:bg-zinc-800" title={`${s.first} – ${s.last}`}>
              <div
                data-testid="session-bar"
                className="absolute inset-y-0 min-w-1.5 rounded bg-sky-600 dark:bg-sky-400"
                style={{ left: `min(${pct(s.first)}%, 100% - 0.375rem)`, width: `${pct(s.last) - pct(s.first)}%` }}
              />
            </div>
            <span className="tabular-nums text-zinc-600 dark:text-zinc-400">{formatCount(s.uses)}×</span>
          </li>
        ))}
      </ol>
      <p className="mt-0.5 grid grid-cols-[minmax(0,12rem)_1fr_auto] gap-2 text-zinc-600 dark:text-zinc-400" data-testid="timeline-axis">
        <span />
        <span className="flex justify-between gap-2">
          <UtcTime iso={new Date(start).toISOString()} />
          <UtcTime iso={new Date(end).toISOString()} />
        </span>
        <span />
      </p>
    </div>
  );
}

/** The /memories/[id] and /chunks/[id] page body: the item as shown, who used it and when. */
export function ItemUsageView({ kind, itemId, usage, page, newestHref, olderHref }: Props) {
  return (
    <section className="space-y-5">
      <header>
        <p className="text-xs uppercase tracking-wide text-zinc-500">{label[kind]}</p>
        <h1 className="break-all font-mono text-lg font-semibold">{itemId}</h1>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="inline text-zinc-500">used by </dt>
            <dd className="inline tabular-nums" data-testid="use-count">{formatCount(usage.uses)} interaction{usage.uses === 1 ? "" : "s"}</dd>
          </div>
          {usage.first && (
            <div>
              <dt className="inline text-zinc-500">first use </dt>
              <dd className="inline"><UtcTime iso={usage.first} /></dd>
            </div>
          )}
          {usage.last && (
            <div>
              <dt className="inline text-zinc-500">last use </dt>
              <dd className="inline"><UtcTime iso={usage.last} /></dd>
            </div>
          )}
        </dl>
      </header>

      <div>
        <h2 className="mb-1 text-sm font-semibold">As shown in the newest pack that carried it</h2>
        {usage.asShown ? (
          <div className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <p className="mb-2 text-xs text-zinc-500">
              from <Link className="font-mono text-sky-700 hover:underline dark:text-sky-400" href={`/interactions/${usage.asShown.interaction_id}`}>{usage.asShown.interaction_id}</Link>{" "}
              at <UtcTime iso={usage.asShown.created_at} />
            </p>
            <p className="mb-2 whitespace-pre-wrap break-words" data-testid="item-text">{usage.asShown.text}</p>
            <pre tabIndex={0} aria-label="The item as JSON" className="max-h-64 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{JSON.stringify(usage.asShown.object, null, 2)}</pre>
          </div>
        ) : (
          <p className="text-sm text-zinc-500">
            {usage.uses === 0 ? "No interaction has used this id." : "None of the recent packs that used it carry an object with this id."}
          </p>
        )}
      </div>

      {usage.sessions.length > 0 && (
        <div>
          <h2 className="mb-1 text-sm font-semibold">Sessions over time</h2>
          <SessionTimeline sessions={usage.sessions} />
        </div>
      )}

      <div>
        <h2 className="mb-1 text-sm font-semibold">Interactions that used it, newest first</h2>
        {page.interactions.length === 0 ? (
          <p className="text-sm text-zinc-500">None{newestHref ? " on this page" : ""}.</p>
        ) : (
          <ol className="relative ml-1 border-l border-zinc-200 text-sm dark:border-zinc-800">
            {page.interactions.map((i) => (
              <li key={i.id} className="relative py-1.5 pl-4">
                <span aria-hidden className="absolute -left-[3.5px] top-3 size-1.5 rounded-full bg-sky-500" />
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                  <UtcTime iso={i.created_at} className="font-mono text-xs text-zinc-500" />
                  <span className="text-xs text-zinc-500">{[i.project, i.client].filter(Boolean).join(" · ") || "—"}</span>
                  {i.session_id && (
                    <Link href={`/sessions/${encodeURIComponent(i.session_id)}`} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400">
                      {i.session_id}
                    </Link>
                  )}
                </div>
                <Link href={`/interactions/${i.id}`} dir="auto" className="line-clamp-1 break-all hover:underline">
                  {i.prompt.split("\n")[0]}
                </Link>
              </li>
            ))}
          </ol>
        )}
        <nav className="mt-2 flex gap-4 text-sm">
          {newestHref && <Link className="text-sky-700 hover:underline dark:text-sky-400" href={newestHref}>← newest</Link>}
          {olderHref && <Link className="text-sky-700 hover:underline dark:text-sky-400" href={olderHref}>older →</Link>}
        </nav>
      </div>
    </section>
  );
}
