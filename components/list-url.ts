import { DEFAULT_LIST_LIMIT, parseListQueryLenient, searchParamsToObject, type ListQuery, type ListQueryIssue, type SearchParamsInput } from "@/lib/interactions/schema";

// The URL of a list page (/interactions, /sessions): both read the API's list filters with
// the same lenient parser (lib/interactions/schema.ts); this reads them and writes links.

export const FILTER_PARAMS = ["q", "project", "client", "session_id", "range", "since", "until"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
const PAGING_PARAMS: readonly string[] = ["cursor", "after"];

export type ListParams = Record<string, string>;
export type ListUrl = { params: ListParams; query: ListQuery; issues: ListQueryIssue[] };
/** A list page's link builder: its URL with some params changed. */
export type HrefFor = (current: ListParams, changes: Record<string, string | undefined>) => string;

export function readListUrl(input: SearchParamsInput): ListUrl {
  const raw = searchParamsToObject(input);
  const { query, issues } = parseListQueryLenient(raw);
  // The API answers limit <= 0 with an empty list (as the reference does); a page that showed
  // no rows beside a count of matches would only mislead, so it shows a default page instead.
  if (query.limit <= 0) {
    issues.push({ param: "limit", message: `a page shows at least one row; showing ${DEFAULT_LIST_LIMIT}` });
    query.limit = DEFAULT_LIST_LIMIT;
  }
  // Links are built from the params that parsed; a rejected one is not carried on.
  const params = Object.fromEntries(Object.entries(raw).filter(([k]) => !issues.some((i) => i.param === k)));
  return { params, query, issues };
}

/**
 * The link builder of the list at `basePath`: its URL with some params changed (undefined or
 * "" removes one). The current page's cursor never carries over: a filter change starts again
 * at the newest page, and a paging link names its own cursor.
 */
export function listHrefFor(basePath: string): HrefFor {
  return (current, changes) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(current)) if (!PAGING_PARAMS.includes(k) && !(k in changes) && v) next.set(k, v);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    const qs = next.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
}

export function hasFilters(current: ListParams): boolean {
  return FILTER_PARAMS.some((k) => current[k]);
}
