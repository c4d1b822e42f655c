import { listHrefFor, type ListParams } from "@/components/list-href";
import { FILTER_PARAMS, parseListQueryLenient, type ListUrl, type SearchParamsInput } from "@/lib/interactions/schema";

// The /interactions URL: every list filter (search included), read leniently, and its links.

/** The page's filters from its URL: what parsed applies, what did not is named on the page. */
export function readInteractionsUrl(input: SearchParamsInput): ListUrl {
  return parseListQueryLenient(input);
}

export const listHref = listHrefFor("/interactions");

export function hasFilters(current: ListParams): boolean {
  return FILTER_PARAMS.some((k) => current[k]);
}
