import Link from "next/link";
import { Suspense } from "react";
import { ItemsTable } from "@/app/(items)/items-table";
import { itemListHref, LIST_PATH, readItemListUrl, type ItemListUrl } from "@/app/(items)/item-list-url";
import { FilterIssues } from "@/components/filter-issues";
import { formatCount } from "@/lib/format-count";
import { listItems } from "@/lib/memory-audit/items";
import { reportPreview } from "@/lib/memory-audit/report";
import { isSliceQuery, ITEM_SORTS, type ItemKind, type ReportKind, type ReportRow } from "@/lib/memory-audit/schema";
import { itemHref } from "@/lib/usage/item-href";

const field = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 min-w-0";
const button = "rounded border border-zinc-300 px-2 py-0.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
const link = "text-sky-700 hover:underline dark:text-sky-400";
const REPORT_PREVIEW = 20;
const SORT_LABEL: Record<string, string> = { offered: "times offered", used: "times used", use_rate: "use rate", last_seen: "last seen", versions: "versions" };

type Props = { kind: ItemKind; searchParams: Promise<Record<string, string | string[] | undefined>> };

function ReportSection({ kind, report, rows, minOffered }: { kind: ItemKind; report: ReportKind; rows: ReportRow[]; minOffered: number }) {
  const plural = kind === "memory" ? "memories" : "chunks";
  // Over every project and all time (item_stats), whatever the list's filters.
  const title = report === "noise" ? `Offered at least ${formatCount(minOffered)} times, never used, in all projects` : "Used but never offered, in all projects";
  const qs = (format: string) => `/api/reports/${plural}?kind=${report}${report === "noise" ? `&min_offered=${minOffered}` : ""}&format=${format}`;
  return (
    <section className="space-y-1" aria-label={title} data-testid={`report-${report}`}>
      <h2 className="flex flex-wrap items-baseline gap-x-3 text-sm font-semibold">
        {title}
        <a className={`${link} text-xs font-normal`} href={qs("csv")} download>
          CSV
        </a>
        <a className={`${link} text-xs font-normal`} href={qs("jsonl")} download>
          JSONL
        </a>
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">None.</p>
      ) : (
        <ul className="space-y-0.5 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex gap-3">
              <Link className={`${link} font-mono text-xs break-all`} href={itemHref(kind, r.id)}>
                {r.id}
              </Link>
              <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                {report === "noise" ? `offered ${formatCount(r.offered)}×` : `used ${formatCount(r.used)}×`}
              </span>
            </li>
          ))}
          {rows.length === REPORT_PREVIEW && <li className="text-xs text-zinc-500">… the export holds them all</li>}
        </ul>
      )}
    </section>
  );
}

/**
 * The list itself, streamed after the filters: a list filtered by project, client or time sums
 * the sightings of that slice, which takes seconds on a large database, and the page's form and
 * reports need not wait for it.
 */
async function ItemListResults({ kind, url, title }: { kind: ItemKind; url: ItemListUrl; title: string }) {
  const { params, query } = url;
  const page = await listItems(kind, query);
  return (
    <>
      {page.items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No {title.toLowerCase()} match.</p>
      ) : (
        <ItemsTable kind={kind} items={page.items} />
      )}
      <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
        <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="page-count">
          {formatCount(page.items.length)} {title.toLowerCase()} on this page
        </span>
        {params.cursor && (
          <Link className={button} href={itemListHref(kind, params, { cursor: "" })}>
            First page
          </Link>
        )}
        {page.next_cursor ? (
          <Link className={button} href={itemListHref(kind, params, { cursor: page.next_cursor })} rel="next">
            Next page
          </Link>
        ) : (
          <span className="rounded border border-zinc-200 px-2 py-0.5 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">Next page</span>
        )}
      </nav>
    </>
  );
}

/** /memories and /chunks: every item with its figures, filters and sorts, and the noise and gap reports. */
export async function ItemListPage({ kind, searchParams }: Props) {
  const url = readItemListUrl(await searchParams);
  const { params, query, minOffered } = url;
  const [noise, gaps] = await Promise.all([reportPreview(kind, "noise", minOffered, REPORT_PREVIEW), reportPreview(kind, "gaps", 0, REPORT_PREVIEW)]);
  const title = kind === "memory" ? "Memories" : "Chunks";
  return (
    <section className="space-y-4">
      <h1 className="text-lg font-semibold">{title}</h1>
      <form method="get" action={LIST_PATH[kind]} className="flex flex-wrap items-end gap-2 text-sm" aria-label={`Filter ${title.toLowerCase()}`}>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Project
          <input className={field} name="project" defaultValue={params.project ?? ""} />
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Client
          <input className={field} name="client" defaultValue={params.client ?? ""} />
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Since
          <input className={field} name="since" placeholder="2026-12-01" defaultValue={params.since ?? ""} />
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Until
          <input className={field} name="until" placeholder="2026-12-06" defaultValue={params.until ?? ""} />
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Sort by
          <select className={field} name="sort" defaultValue={query.sort}>
            {ITEM_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 pb-1 text-xs">
          <input type="checkbox" name="min_versions" value="2" defaultChecked={query.min_versions >= 2} />
          more than one version
        </label>
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          Noise: offered at least
          <input className={`${field} w-24`} name="min_offered" inputMode="numeric" defaultValue={String(minOffered)} />
        </label>
        <button type="submit" className={button}>
          Apply
        </button>
        <Link className={`${link} pb-1 text-xs`} href={LIST_PATH[kind]}>
          clear
        </Link>
      </form>
      <FilterIssues issues={url.issues} />
      <Suspense
        key={JSON.stringify(query)}
        fallback={
          <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status" aria-busy="true" data-testid="items-loading">
            {isSliceQuery(query) ? "Summing the sightings these filters match…" : "Loading…"}
          </p>
        }
      >
        <ItemListResults kind={kind} url={url} title={title} />
      </Suspense>
      <div className="grid gap-4 border-t border-zinc-200 pt-3 md:grid-cols-2 dark:border-zinc-800">
        <ReportSection kind={kind} report="noise" rows={noise} minOffered={minOffered} />
        <ReportSection kind={kind} report="gaps" rows={gaps} minOffered={minOffered} />
      </div>
    </section>
  );
}
