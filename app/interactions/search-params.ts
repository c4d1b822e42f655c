// The list page's URL: which search params it reads, and links that change some of them.
// Parsing is lib/interactions/schema.ts (the API's parser); this only writes URLs.

export const FILTER_PARAMS = ["q", "project", "client", "session_id", "range", "since", "until"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
export const PAGING_PARAMS = ["cursor", "after"] as const;

export type ListParams = Record<string, string>;

/**
 * The list URL with some params changed (undefined or "" removes one). The current page's
 * cursor never carries over: a filter change starts again at the newest page, and a paging
 * link names its own cursor.
 */
export function listHref(current: ListParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(current)) {
    if ((PAGING_PARAMS as readonly string[]).includes(k)) continue;
    if (!(k in changes) && v !== "") next.set(k, v);
  }
  for (const [k, v] of Object.entries(changes)) if (v !== undefined && v !== "") next.set(k, v);
  const qs = next.toString();
  return qs ? `/interactions?${qs}` : "/interactions";
}

export function hasFilters(current: ListParams): boolean {
  return FILTER_PARAMS.some((k) => current[k]);
}

export function sessionHref(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}
