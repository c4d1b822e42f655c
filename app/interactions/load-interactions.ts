import { hasFilters } from "@/app/interactions/search-params";
import type { ListParams } from "@/components/list-href";
import { captureHistogram } from "@/lib/interactions/capture-histogram";
import { decodeCursor } from "@/lib/interactions/cursor";
import { findFilteredFacets } from "@/lib/interactions/find-filtered-facets";
import { findInteractionPage } from "@/lib/interactions/find-interactions";
import { findListPosition } from "@/lib/interactions/find-list-position";
import { hasInteractions } from "@/lib/interactions/has-interactions";
import type { ListQuery } from "@/lib/interactions/schema";

/** One page of interactions, where it sits in the list, the histogram of every match, the filter facets, and whether the database holds anything at all. */
export async function loadInteractions(query: ListQuery, params: ListParams) {
  const now = Date.now();
  const histogramRead = captureHistogram(query, 40, now);
  // The menus' estimates scale to the number of matches, which the histogram counts anyway.
  const [page, histogram, facets] = await Promise.all([
    findInteractionPage(query),
    histogramRead,
    histogramRead.then((h) => findFilteredFacets(query, h.total)),
  ]);
  // The newest page has no newer cursor: nothing comes before it.
  const top = page.newer_cursor ? decodeCursor(page.newer_cursor) : null;
  const rows = page.interactions.length;
  const [position, databaseEmpty] = await Promise.all([
    top ? findListPosition(query, top, rows, histogram) : rows > 0 ? { first: 1, last: rows, total: histogram.total } : null,
    rows === 0 && !hasFilters(params) ? hasInteractions().then((any) => !any) : false,
  ]);
  return { now, page, histogram, facets, position, databaseEmpty };
}
