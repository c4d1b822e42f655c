"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { listHrefFor, type ListParams } from "@/components/list-href";
import { segment } from "@/components/segment";
import { formatCount } from "@/lib/format-count";
import type { Facet } from "@/lib/interactions/find-facets";
import type { FacetBasis, FilteredFacets } from "@/lib/interactions/find-filtered-facets";
import { RANGE_PRESETS } from "@/lib/interactions/range-presets";
import { ReviewFilterFields } from "@/components/reviews/review-filter-fields";

const PRESET_LABELS: Record<string, string> = { "": "All", "1h": "Last hour", "24h": "24 h", "7d": "7 days", "30d": "30 days" };

const field =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 min-w-0";
/** "(42,474)", or for an estimate "(≈42,000)". */
function countLabel(n: number, estimated: boolean): string {
  return estimated ? `≈${n.toLocaleString("en-US", { maximumSignificantDigits: 2 })}` : formatCount(n);
}

/** What the menus' counts are, said under them. */
function basisText(basis: FacetBasis): string {
  if (basis.kind === "exact") return "Menu counts: exact, for these filters.";
  const sample = formatCount(basis.sample);
  return basis.kind === "estimate"
    ? `Menu counts (≈): estimated from the newest ${sample} of ${formatCount(basis.matches!)} matching interactions.`
    : `Menu counts: among the newest ${sample} matching interactions.`;
}

function FacetSelect({ name, label, facets, value, estimated }: { name: string; label: string; facets: Facet[]; value: string; estimated: boolean }) {
  // An empty value cannot be filtered on (empty means "no filter", as in the API), and a
  // value in the URL that the database does not hold (yet) stays selectable.
  const known = facets.filter((f) => f.value !== "");
  const options = value && !known.some((f) => f.value === value) ? [{ value, count: 0 }, ...known] : known;
  return (
    <label className="flex min-w-0 flex-col text-xs text-zinc-500">
      {label}
      <select
        name={name}
        defaultValue={value}
        className={field}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        <option value="">All {label.toLowerCase()}s</option>
        {options.map((f) => (
          <option key={f.value} value={f.value}>
            {f.value} ({countLabel(f.count, estimated)})
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A list's filters (the same for /interactions and /sessions, named by `basePath` and `label`);
 * every one lives in the URL, so a view is a link and back/forward work.
 */
export function FiltersBar({
  basePath,
  label,
  params,
  facets,
  reviewLabels,
}: {
  basePath: string;
  label: string;
  params: ListParams;
  facets: FilteredFacets;
  /** The review labels to filter by (REVIEW_LABELS); no review filters without them. */
  reviewLabels?: readonly string[];
}) {
  const router = useRouter();
  const listHref = listHrefFor(basePath);
  const preset = params.range ?? "";
  const custom = !!(params.since || params.until);

  return (
    // Keyed by the URL, so back/forward re-seed the fields from the URL.
    <form
      key={JSON.stringify(params)}
      role="search"
      aria-label={label}
      className="flex flex-wrap items-end gap-x-3 gap-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const value = (k: string) => String(data.get(k) ?? "").trim();
        const timeChanged = value("since") !== (params.since ?? "") || value("until") !== (params.until ?? "");
        router.push(
          listHref(params, {
            q: value("q"),
            project: value("project"),
            client: value("client"),
            session_id: value("session_id"),
            since: value("since"),
            until: value("until"),
            review: value("review"),
            label: value("label"),
            ...(timeChanged && { range: undefined }),
          }),
        );
      }}
    >
      <label className="flex min-w-0 flex-col text-xs text-zinc-500">
        Search
        <input
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder='words, "a phrase", prefix*'
          title='Search ("/" focuses it)'
          data-shortcut-filter
          className={`${field} w-56`}
        />
      </label>
      <FacetSelect name="project" label="Project" facets={facets.project} value={params.project ?? ""} estimated={facets.estimated.project} />
      <FacetSelect name="client" label="Client" facets={facets.client} value={params.client ?? ""} estimated={facets.estimated.client} />
      <label className="flex min-w-0 flex-col text-xs text-zinc-500">
        Session
        <input
          name="session_id"
          type="search"
          defaultValue={params.session_id ?? ""}
          placeholder="session id"
          className={`${field} w-44`}
        />
      </label>
      {reviewLabels && <ReviewFilterFields review={params.review ?? ""} label={params.label ?? ""} labels={reviewLabels} />}
      <div className="flex flex-col text-xs text-zinc-500">
        Time
        <div className="flex overflow-hidden rounded border border-zinc-300 text-sm text-zinc-800 dark:border-zinc-700 dark:text-zinc-200">
          {["", ...Object.keys(RANGE_PRESETS)].map((r) => (
            <Link
              key={r}
              href={listHref(params, { range: r, since: undefined, until: undefined })}
              className={segment(!custom && preset === r)}
              aria-current={!custom && preset === r ? "true" : undefined}
            >
              {PRESET_LABELS[r]}
            </Link>
          ))}
        </div>
      </div>
      <label className="flex flex-col text-xs text-zinc-500">
        From (UTC)
        <input name="since" defaultValue={params.since ?? ""} placeholder="2026-11-25T14:00Z" className={`${field} w-40 font-mono text-xs`} />
      </label>
      <label className="flex flex-col text-xs text-zinc-500">
        To (UTC)
        <input name="until" defaultValue={params.until ?? ""} placeholder="2026-11-25" className={`${field} w-40 font-mono text-xs`} />
      </label>
      <button type="submit" className="rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Apply
      </button>
      <Link href={listHref(params.limit ? { limit: params.limit } : {}, {})} className="py-1 text-sm text-sky-700 hover:underline dark:text-sky-400">
        Clear filters
      </Link>
      <p className="basis-full text-[11px] text-zinc-500" data-testid="facet-basis">
        {basisText(facets.basis)}
      </p>
    </form>
  );
}
