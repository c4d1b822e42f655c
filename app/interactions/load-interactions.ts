import { hasFilters } from "@/app/interactions/search-params";
import type { ListParams } from "@/components/list-href";
import { captureHistogram } from "@/lib/interactions/capture-histogram";
import { findFacets } from "@/lib/interactions/find-facets";
import { findInteractionPage } from "@/lib/interactions/find-interactions";
import { hasInteractions } from "@/lib/interactions/has-interactions";
import type { ListQuery } from "@/lib/interactions/schema";

/** One page of interactions, the histogram of every match, the filter facets, and whether the database holds anything at all. */
export async function loadInteractions(query: ListQuery, params: ListParams) {
  const now = Date.now();
  const [page, histogram, facets] = await Promise.all([findInteractionPage(query), captureHistogram(query, 40, now), findFacets()]);
  const databaseEmpty = page.interactions.length === 0 && !hasFilters(params) && !(await hasInteractions());
  return { now, page, histogram, facets, databaseEmpty };
}
