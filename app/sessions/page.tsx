import type { Metadata } from "next";
import Link from "next/link";
import { FILTER_KEYS, readSessionsUrl, sessionsHref } from "@/app/sessions/search-params";
import { loadSessions } from "@/app/sessions/load-sessions";
import { SessionsFilters } from "@/app/sessions/sessions-filters";
import { SessionsTable } from "@/app/sessions/sessions-table";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const pagerLink = "rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
const pagerOff = "rounded border border-zinc-200 px-2 py-0.5 text-zinc-400 dark:border-zinc-800 dark:text-zinc-600";

export default async function SessionsPage({ searchParams }: Props) {
  const { params, query, issues } = readSessionsUrl(await searchParams);
  const { rows, page, facets } = await loadSessions(query);
  const filters = FILTER_KEYS.filter((k) => params[k]).map((k) => `${k} = ${params[k]}`);
  return (
    <section className="space-y-3">
      <h1 className="text-lg font-semibold">Sessions</h1>
      <SessionsFilters params={params} facets={facets} />
      {issues.length > 0 && (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
          <p className="font-medium">Some filters in the URL were not understood and are ignored:</p>
          <ul className="list-disc pl-5">
            {issues.map((i) => (
              <li key={i.param + i.message}>
                <code>{i.param}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {filters.length
            ? `No sessions match ${filters.join(", ")}.`
            : "No sessions recorded yet: interactions captured with a session_id appear here."}
        </p>
      ) : (
        <SessionsTable sessions={rows} />
      )}
      <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
        {page.newer_cursor ? (
          <Link href={sessionsHref(params, { after: page.newer_cursor })} className={pagerLink} rel="prev">
            ← Newer
          </Link>
        ) : (
          <span className={pagerOff}>← Newer</span>
        )}
        {page.next_cursor ? (
          <Link href={sessionsHref(params, { cursor: page.next_cursor })} className={pagerLink} rel="next">
            Older →
          </Link>
        ) : (
          <span className={pagerOff}>Older →</span>
        )}
      </nav>
    </section>
  );
}
