import type { Metadata } from "next";
import { headers } from "next/headers";
import { EmptyState } from "@/app/interactions/empty-state";
import { Histogram } from "@/app/interactions/histogram";
import { InteractionsTable } from "@/app/interactions/interactions-table";
import { toRowViews } from "@/app/interactions/row-view";
import { loadInteractions } from "@/app/interactions/load-interactions";
import { listHref, readInteractionsUrl } from "@/app/interactions/search-params";
import { ExportButton } from "@/components/export-button";
import { FilterIssues } from "@/components/filter-issues";
import { FiltersBar } from "@/components/filters-bar";
import { reviewLabels } from "@/lib/reviews/schema";
import { Pager } from "@/components/pager";
import { TimeModeToggle } from "@/components/list-time";
import { formatCount } from "@/lib/format-count";

export const metadata: Metadata = { title: "Interactions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function originOf(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

export default async function InteractionsPage({ searchParams }: Props) {
  const { params, query, issues } = readInteractionsUrl(await searchParams);
  const { now, page, histogram, facets, position, databaseEmpty } = await loadInteractions(query, params);

  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-semibold">Interactions</h1>
        <span className="text-sm text-zinc-500" data-testid="match-count">
          {formatCount(histogram.total)} {histogram.total === 1 ? "match" : "matches"}
        </span>
        <span className="ml-auto flex flex-wrap items-center gap-3">
          <TimeModeToggle />
          <ExportButton searchParams={params} />
        </span>
      </div>
      <FiltersBar basePath="/interactions" label="Filter interactions" params={params} facets={facets} reviewLabels={reviewLabels()} />
      <FilterIssues issues={issues} />
      <Histogram histogram={histogram} params={params} />
      {page.interactions.length === 0 ? (
        <EmptyState params={params} databaseEmpty={databaseEmpty} origin={await originOf()} />
      ) : (
        <InteractionsTable rows={toRowViews(page.interactions, now, query.q ? params.q : "")} />
      )}
      <Pager params={params} href={listHref} limit={query.limit} page={page} position={position} basePath="/interactions">
        <span className="mr-auto hidden text-xs text-zinc-500 sm:inline">j / k move · Enter opens · / search · Esc back</span>
      </Pager>
    </section>
  );
}
