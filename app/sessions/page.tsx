import type { Metadata } from "next";
import Link from "next/link";
import { FILTER_KEYS, readSessionsQuery, sessionsHref } from "@/app/sessions/search-params";
import { SessionsFilters } from "@/app/sessions/sessions-filters";
import { SessionsTable } from "@/app/sessions/sessions-table";
import { loadSessions } from "@/app/sessions/load-sessions";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SessionsPage({ searchParams }: Props) {
  const { params, query, problems } = readSessionsQuery(await searchParams);
  const { rows, next_cursor, now } = await loadSessions(query);
  const filters = FILTER_KEYS.filter((k) => params[k]).map((k) => `${k} = ${params[k]}`);
  return (
    <section>
      <h1 className="mb-3 text-lg font-semibold">Sessions</h1>
      <SessionsFilters params={params} now={now} />
      {problems.length > 0 && (
        <p role="alert" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-700 dark:bg-amber-950/40">
          Some filters were ignored: {problems.join("; ")}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {filters.length ? `No sessions match ${filters.join(", ")}.` : "No sessions recorded yet: captures with a session_id appear here."}
        </p>
      ) : (
        <SessionsTable sessions={rows} />
      )}
      <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
        {params.cursor && (
          <Link href={sessionsHref(params, {})} className="text-blue-700 underline dark:text-blue-400">
            Newest
          </Link>
        )}
        {next_cursor && (
          <Link href={sessionsHref(params, { cursor: next_cursor })} className="text-blue-700 underline dark:text-blue-400">
            Older
          </Link>
        )}
      </nav>
    </section>
  );
}
