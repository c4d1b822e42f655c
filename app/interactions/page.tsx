import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { EmptyState } from "@/app/interactions/empty-state";
import { ExportButton } from "@/components/export-button";
import { FiltersBar } from "@/app/interactions/filters-bar";
import { Histogram } from "@/app/interactions/histogram";
import { InteractionsTable } from "@/app/interactions/interactions-table";
import { toRowView } from "@/app/interactions/row-view";
import { segment } from "@/app/interactions/styles";
import { hasFilters, listHref, PAGE_SIZES, type ListParams } from "@/app/interactions/search-params";
import { captureHistogram } from "@/lib/interactions/capture-histogram";
import { findFacets } from "@/lib/interactions/find-facets";
import { findInteractionPage } from "@/lib/interactions/find-interactions";
import { hasInteractions } from "@/lib/interactions/has-interactions";
import { parseListQueryLenient, searchParamsToObject, type ListQuery } from "@/lib/interactions/schema";

export const metadata: Metadata = { title: "Interactions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function originOf(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

async function load(query: ListQuery, params: ListParams) {
  const now = Date.now();
  const [page, histogram, facets] = await Promise.all([findInteractionPage(query), captureHistogram(query, 40, now), findFacets()]);
  const databaseEmpty = page.interactions.length === 0 && !hasFilters(params) && !(await hasInteractions());
  return { now, page, histogram, facets, databaseEmpty };
}

const pagerLink = "rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
const pagerOff = "rounded border border-zinc-200 px-2 py-0.5 text-zinc-400 dark:border-zinc-800 dark:text-zinc-600";

export default async function InteractionsPage({ searchParams }: Props) {
  const raw = searchParamsToObject(await searchParams);
  const { query, issues } = parseListQueryLenient(raw);
  // Links are built from the params that parsed; a rejected one is not carried on.
  const params: ListParams = Object.fromEntries(Object.entries(raw).filter(([k]) => !issues.some((i) => i.param === k)));
  const { now, page, histogram, facets, databaseEmpty } = await load(query, params);

  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-semibold">Interactions</h1>
        <span className="text-sm text-zinc-500" data-testid="match-count">
          {histogram.total.toLocaleString("en-US")} {histogram.total === 1 ? "match" : "matches"}
        </span>
        <span className="ml-auto">
          <ExportButton searchParams={params} />
        </span>
      </div>
      <FiltersBar params={params} facets={facets} />
      {issues.length > 0 && (
        <div role="alert" data-testid="filter-issues" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
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
      <Histogram histogram={histogram} params={params} />
      {page.interactions.length === 0 ? (
        <EmptyState params={params} databaseEmpty={databaseEmpty} origin={await originOf()} />
      ) : (
        <InteractionsTable rows={page.interactions.map((r) => toRowView(r, now, query.q ? params.q : ""))} />
      )}
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-end gap-2 text-sm">
        <span className="mr-auto hidden text-xs text-zinc-500 sm:inline">j / k move · Enter opens · / filters · Esc back</span>
        <span className="flex overflow-hidden rounded border border-zinc-300 dark:border-zinc-700" aria-label="Per page">
          {PAGE_SIZES.map((n) => (
            <Link key={n} href={listHref(params, { limit: String(n) })} className={segment(query.limit === n)} aria-current={query.limit === n ? "true" : undefined}>
              {n}
            </Link>
          ))}
        </span>
        <span className="text-xs text-zinc-500">per page</span>
        {page.newer_cursor ? (
          <Link href={listHref(params, { after: page.newer_cursor })} className={pagerLink} rel="prev">
            ← Newer
          </Link>
        ) : (
          <span className={pagerOff}>← Newer</span>
        )}
        {page.next_cursor ? (
          <Link href={listHref(params, { cursor: page.next_cursor })} className={pagerLink} rel="next">
            Older →
          </Link>
        ) : (
          <span className={pagerOff}>Older →</span>
        )}
      </nav>
    </section>
  );
}
