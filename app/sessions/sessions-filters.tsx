import Link from "next/link";
import { FILTER_KEYS, PAGE_SIZES, sessionsHref } from "@/app/sessions/search-params";
import type { Facet, Facets } from "@/lib/interactions/find-facets";
import { RANGE_PRESETS } from "@/lib/interactions/range-presets";

const RANGES: [string, string][] = [["", "All"], ...Object.keys(RANGE_PRESETS).map((r): [string, string] => [r, r === "1h" ? "Last hour" : r])];
const field = "min-w-0 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const label = "flex min-w-0 flex-col text-xs text-zinc-500";
const group = "flex overflow-hidden rounded border border-zinc-300 text-sm text-zinc-800 dark:border-zinc-700 dark:text-zinc-200";
const option = (active: boolean) =>
  `px-2 py-1 ${active ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`;

function Select({ name, facets, value }: { name: "project" | "client"; facets: Facet[]; value: string }) {
  // A value in the URL that no interaction holds (yet) stays selectable.
  const options = value && !facets.some((f) => f.value === value) ? [{ value, count: 0 }, ...facets] : facets;
  return (
    <label className={label}>
      {name === "project" ? "Project" : "Client"}
      <select name={name} defaultValue={value} className={field}>
        <option value="">All {name}s</option>
        {options.map((f) => (
          <option key={f.value} value={f.value}>
            {`${f.value || "(none)"} (${f.count} interactions)`}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The filters as a GET form and links: each lives in the URL (a view is a link; back and
 * forward work) and needs no JavaScript. Project and client list the values in the database.
 */
export function SessionsFilters({ params, facets }: { params: Record<string, string>; facets: Facets }) {
  const custom = !!(params.since || params.until);
  const limit = params.limit ?? "50";
  return (
    <form method="get" action="/sessions" role="search" aria-label="Filter sessions" className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <label className={label}>
        Search
        <input type="search" name="q" defaultValue={params.q ?? ""} placeholder='words, "a phrase", prefix*' className={`${field} w-56`} />
      </label>
      <Select name="project" facets={facets.project} value={params.project ?? ""} />
      <Select name="client" facets={facets.client} value={params.client ?? ""} />
      <div className={label}>
        Time
        <div className={group}>
          {RANGES.map(([r, text]) => (
            <Link
              key={r}
              href={sessionsHref(params, { range: r, since: undefined, until: undefined })}
              className={option(!custom && (params.range ?? "") === r)}
              aria-current={!custom && (params.range ?? "") === r ? "true" : undefined}
            >
              {text}
            </Link>
          ))}
        </div>
      </div>
      {params.range && <input type="hidden" name="range" value={params.range} />}
      {params.limit && <input type="hidden" name="limit" value={params.limit} />}
      <label className={label}>
        From (UTC)
        <input name="since" defaultValue={params.since ?? ""} placeholder="2026-11-25T14:00Z" data-shortcut-filter className={`${field} w-40 font-mono text-xs`} />
      </label>
      <label className={label}>
        To (UTC)
        <input name="until" defaultValue={params.until ?? ""} placeholder="2026-11-25" className={`${field} w-40 font-mono text-xs`} />
      </label>
      <button type="submit" className="rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Apply
      </button>
      {FILTER_KEYS.some((k) => params[k]) && (
        <Link href={sessionsHref(params.limit ? { limit: params.limit } : {}, {})} className="py-1 text-sm text-sky-700 hover:underline dark:text-sky-400">
          Clear filters
        </Link>
      )}
      <div className={`${label} ml-auto`}>
        Per page
        <div className={group}>
          {PAGE_SIZES.map((n) => (
            <Link key={n} href={sessionsHref(params, { limit: String(n) })} className={option(limit === String(n))}>
              {n}
            </Link>
          ))}
        </div>
      </div>
    </form>
  );
}
