import { itemPageHref } from "@/app/(items)/search-params";
import type { ListParams } from "@/components/list-href";
import type { ListQuery } from "@/lib/interactions/schema";
import { findItemInteractionPage, type ItemKind } from "@/lib/usage/find-item-interactions";
import { getItemUsage } from "@/lib/usage/get-item-usage";

/** Everything a /memories/[id] or /chunks/[id] page shows, for the filters its URL holds. */
export async function loadItemPage(kind: ItemKind, itemId: string, query: ListQuery, params: ListParams) {
  const [usage, page] = await Promise.all([getItemUsage(kind, itemId), findItemInteractionPage(kind, itemId, query)]);
  const href = itemPageHref(kind, itemId);
  return {
    usage,
    page,
    newestHref: query.cursor ? href(params, {}) : null,
    olderHref: page.next_cursor ? href(params, { cursor: page.next_cursor }) : null,
  };
}
