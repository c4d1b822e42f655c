import { DEFAULT_LIST_LIMIT, parseListQuery, type SearchParamsInput } from "@/lib/interactions/schema";
import { findItemInteractions, type ItemKind } from "@/lib/usage/find-item-interactions";
import { getItemUsage } from "@/lib/usage/get-item-usage";
import { itemHref } from "@/lib/usage/item-href";

/**
 * Everything a /memories/[id] or /chunks/[id] page shows. The URL's filters are read
 * leniently: an invalid one is reported and the page shows the newest uses instead.
 */
export async function loadItemPage(kind: ItemKind, itemId: string, searchParams: SearchParamsInput) {
  const parsed = parseListQuery(searchParams);
  const query = parsed.success ? { ...parsed.data, q: undefined } : { limit: DEFAULT_LIST_LIMIT };
  const [usage, page] = await Promise.all([getItemUsage(kind, itemId), findItemInteractions(kind, itemId, query)]);
  const base = itemHref(kind, itemId);
  return {
    usage,
    page,
    problem: parsed.success ? null : parsed.error.issues.map((i) => i.message).join("; "),
    newestHref: parsed.success && parsed.data.cursor ? base : null,
    olderHref: page.next_cursor ? `${base}?cursor=${page.next_cursor}` : null,
  };
}
