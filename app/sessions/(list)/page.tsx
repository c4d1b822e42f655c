import type { Metadata } from "next";
import { loadSessions } from "@/app/sessions/load-sessions";
import { readSessionsUrl, sessionsHref } from "@/app/sessions/search-params";
import { SessionsTable } from "@/app/sessions/sessions-table";
import { FilterIssues } from "@/components/filter-issues";
import { FiltersBar } from "@/components/filters-bar";
import { reviewLabels } from "@/lib/reviews/schema";
import { TimeModeToggle } from "@/components/list-time";
import { Pager } from "@/components/pager";
import { SessionSortLinks, sessionCountLabel } from "@/app/sessions/session-sort";
import { FILTER_PARAMS } from "@/lib/interactions/schema";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SessionsPage({ searchParams }: Props) {
  const { params, query, issues, sort } = readSessionsUrl(await searchParams);
  const { rows, page, facets } = await loadSessions(query, sort);
  const filters = FILTER_PARAMS.filter((k) => params[k]).map((k) => `${k} = ${params[k]}`);
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-semibold">Sessions</h1>
        <span className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="session-count">
          {sessionCountLabel(page.total)}
        </span>
        <SessionSortLinks params={params} sort={sort} />
        <span className="ml-auto">
          <TimeModeToggle />
        </span>
      </div>
      <FiltersBar basePath="/sessions" label="Filter sessions" params={params} facets={facets} reviewLabels={reviewLabels()} />
      <FilterIssues issues={issues} />
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {filters.length
            ? `No sessions match ${filters.join(", ")}.`
            : "No sessions recorded yet: interactions captured with a session_id appear here."}
        </p>
      ) : (
        <SessionsTable sessions={rows} />
      )}
      <Pager params={params} href={sessionsHref} limit={query.limit} page={page} basePath="/sessions" />
    </section>
  );
}
