// A list page's links: its URL with some params changed. Each list route builds its own from
// this (app/interactions/search-params.ts, app/sessions/search-params.ts, app/(items)/search-params.ts).

export type ListParams = Record<string, string>;
/** A list page's link builder: its URL with some params changed. */
export type HrefFor = (current: ListParams, changes: Record<string, string | undefined>) => string;

const PAGING_PARAMS: readonly string[] = ["cursor", "after", "at"];

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
