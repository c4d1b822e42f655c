import { sqlDialect } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterWhere } from "@/lib/db/sql/filter-sql";
import { findFacets, latestSeq, sortedFacets, type Facet } from "@/lib/interactions/find-facets";
import { latestRetired } from "@/lib/retention/retired-rows";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { searchCondition } from "@/lib/db/sql/search-sql";

export type FacetField = "project" | "client";

/**
 * How the menus' counts were made: `exact` (every match counted), `estimate` (the newest
 * `sample` matches counted and scaled to the number of matches), `sample` (the newest `sample`
 * matches counted, unscaled: the number of matches is not known here).
 */
export type FacetBasis = { kind: "exact" } | { kind: "estimate" | "sample"; sample: number; matches?: number };
export type FilteredFacets = {
  project: Facet[];
  client: Facet[];
  basis: FacetBasis;
  /** The menus whose counts are scaled estimates (shown with ≈). */
  estimated: Record<FacetField, boolean>;
};

/** The newest matches read to count a filtered view's menus: a bound on the page's work whatever the table size. */
export const FACET_SAMPLE = 1_000;
const CACHED = 64;

// A view's counts are kept while no row was captured or retired since (seq only grows), keyed by its filters.
const cache = new Map<string, { maxSeq: number; retired: number; counts: Map<string, number>; cut: boolean }>();

type Filters = Pick<InteractionFilters, "project" | "client" | "session_id" | "since" | "until" | "q">;

// Each menu counts the rows matching every filter but its own, so its other values stay
// choices (and the selected value's count is the number of matches).
function othersOf(field: FacetField, f: Filters): Filters {
  const { [field]: _own, ...others } = f;
  return others;
}
const hasAny = (f: Filters) => Object.values(f).some((v) => v !== undefined);

async function countNewest(field: FacetField, f: Filters, maxSeq: number, retired: number) {
  const key = JSON.stringify([field, { ...f, q: f.q?.match }]);
  const hit = cache.get(key);
  if (hit && hit.maxSeq === maxSeq && hit.retired === retired) return hit;
  const dialect = sqlDialect();
  const { q, ...plain } = f;
  const where = q ? Prisma.sql`${searchCondition("j", q, dialect)} AND ${filterWhere(plain, {}, dialect)}` : filterWhere(plain, {}, dialect);
  const rows = await database().reads.rows<{ value: string }>(Prisma.sql`
    SELECT j.${Prisma.raw(field)} AS value FROM interactions j WHERE ${where}
    ORDER BY j.created_at DESC, j.seq DESC LIMIT ${FACET_SAMPLE + 1}`);
  const counts = new Map<string, number>();
  for (const { value } of rows.slice(0, FACET_SAMPLE)) counts.set(value, (counts.get(value) ?? 0) + 1);
  const entry = { maxSeq, retired, counts, cut: rows.length > FACET_SAMPLE };
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  return entry;
}

/**
 * The project and client menus' counts under the list's filters. Without filters they are the
 * exact counts of every interaction (findFacets: cached, brought up to date from new captures).
 * With filters, the newest FACET_SAMPLE matches of each menu's filters are counted: exact when
 * that is all of them; otherwise scaled to `matches` (the number of rows matching every filter,
 * which the list already knows) and marked as estimates, or, without it, shown as counted.
 */
export async function findFilteredFacets(f: InteractionFilters, matches?: number): Promise<FilteredFacets> {
  const filters: Filters = { project: f.project, client: f.client, session_id: f.session_id, since: f.since, until: f.until, q: f.q };
  for (const k of Object.keys(filters) as (keyof Filters)[]) if (filters[k] === undefined) delete filters[k];
  if (!hasAny(filters)) return { ...(await findFacets()), basis: { kind: "exact" }, estimated: { project: false, client: false } };
  const [maxSeq, retired] = await Promise.all([latestSeq(), latestRetired()]);
  const fields: FacetField[] = ["project", "client"];
  const counted = await Promise.all(fields.map((field) => (hasAny(othersOf(field, filters)) ? countNewest(field, othersOf(field, filters), maxSeq, retired) : null)));
  const everything = counted.includes(null) ? await findFacets() : null;
  // A cut sample without the number of matches is shown as counted (basis "sample"); a
  // matches-scaled one is an estimate.
  const cut = counted.some((c) => c?.cut);
  const scaled = fields.map((field, i): { facets: Facet[]; estimated: boolean } => {
    const c = counted[i];
    if (!c) return { facets: everything![field], estimated: false };
    if (!c.cut || matches === undefined) return { facets: sortedFacets(c.counts), estimated: false };
    // Scaled so that the rows matching every filter add up to `matches`: for a menu whose own
    // filter is set, that is the selected value's share of the sample.
    const own = filters[field];
    const matchingAll = own === undefined ? FACET_SAMPLE : (c.counts.get(own) ?? 0);
    if (matchingAll === 0) return { facets: sortedFacets(c.counts), estimated: false };
    return { facets: sortedFacets(new Map([...c.counts].map(([v, n]) => [v, Math.round((n * matches) / matchingAll)]))), estimated: true };
  });
  const basis: FacetBasis = !cut ? { kind: "exact" } : matches === undefined ? { kind: "sample", sample: FACET_SAMPLE } : { kind: "estimate", sample: FACET_SAMPLE, matches };
  return {
    project: scaled[0].facets,
    client: scaled[1].facets,
    basis,
    estimated: { project: scaled[0].estimated, client: scaled[1].estimated },
  };
}
