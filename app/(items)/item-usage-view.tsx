import Link from "next/link";
import { UtcTime } from "@/components/utc-time";
import { formatCount } from "@/lib/format-count";
import type { InteractionList } from "@/lib/interactions/schema";
import type { ItemKind } from "@/lib/usage/find-item-interactions";
import type { ItemUsage } from "@/lib/usage/get-item-usage";

type Props = {
  kind: ItemKind;
  itemId: string;
  usage: ItemUsage;
  page: InteractionList;
  /** The URL of this page's first (newest) page, when showing an older one. */
  newestHref: string | null;
  olderHref: string | null;
};

const label = { memory: "Memory", chunk: "Chunk" } as const;

function SessionTimeline({ usage }: { usage: ItemUsage }) {
  const start = Date.parse(usage.first!);
  const span = Math.max(1, Date.parse(usage.last!) - start);
  const pct = (iso: string) => ((Date.parse(iso) - start) / span) * 100;
  return (
    <ol className="space-y-1 text-xs" aria-label="Sessions that used it">
      {usage.sessions.map((s) => (
        <li key={s.session_id} className="grid grid-cols-[minmax(0,12rem)_1fr_auto] items-center gap-2">
          <Link href={`/sessions/${encodeURIComponent(s.session_id)}`} className="truncate font-mono text-sky-700 hover:underline dark:text-sky-400">
            {s.session_id}
          </Link>
          <div className="relative h-2 rounded bg-zinc-100 dark:bg-zinc-800" title={`${s.first} – ${s.last}`}>
            <div
              className="absolute inset-y-0 min-w-1.5 rounded bg-sky-500/70"
              style={{ left: `${pct(s.first)}%`, width: `${pct(s.last) - pct(s.first)}%` }}
            />
          </div>
          <span className="tabular-nums text-zinc-500">{formatCount(s.uses)}×</span>
        </li>
      ))}
    </ol>
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
            <pre className="max-h-64 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{JSON.stringify(usage.asShown.object, null, 2)}</pre>
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
          <SessionTimeline usage={usage} />
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
