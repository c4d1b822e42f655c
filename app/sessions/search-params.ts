import type { ListQuery, SearchParamsInput } from "@/lib/interactions/schema";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { parseSessionListQuery } from "@/lib/sessions/schema";

// The /sessions URL: the same filters the API reads, parsed by the same function. A page
// is lenient where the API is strict: an invalid value is dropped and named on the page.

export const FILTER_KEYS = ["q", "project", "client", "since", "until"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

export type PageQuery = { params: Record<string, string>; query: ListQuery; problems: string[] };

export function readSessionsQuery(input: SearchParamsInput): PageQuery {
  const params = searchParamsToObject(input);
  const parsed = parseSessionListQuery(params);
  if (parsed.success) return { params, query: parsed.data, problems: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !bad.has(k)));
  const retry = parseSessionListQuery(kept);
  return {
    params: kept,
    query: retry.success ? retry.data : { limit: 50 },
    problems: parsed.error.issues.map((i) => i.message),
  };
}

/** The /sessions URL with some params changed (undefined removes one); any change restarts paging. */
export function sessionsHref(params: Record<string, string>, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, cursor: undefined, ...changes })) if (v) next.set(k, v);
  const qs = next.toString();
  return qs ? `/sessions?${qs}` : "/sessions";
}
