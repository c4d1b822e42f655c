import { listHrefFor, type HrefFor } from "@/components/list-href";
import { parseListQueryLenient, type ListUrl, type SearchParamsInput } from "@/lib/interactions/schema";
import type { ItemKind } from "@/lib/usage/find-item-interactions";
import { itemHref } from "@/lib/usage/item-href";

// The URL of a memory's or chunk's page (/memories/[id], /chunks/[id]): the list filters of
// its interactions, read leniently like every list; search is not one of them (the reverse
// lookup reads interaction_uses, which has no text).

const UNSUPPORTED = { q: "search is not available on this page; search from the interactions list" };

export function readItemUrl(input: SearchParamsInput): ListUrl {
  return parseListQueryLenient(input, UNSUPPORTED);
}

/** The link builder of one item's page. */
export function itemPageHref(kind: ItemKind, id: string): HrefFor {
  return listHrefFor(itemHref(kind, id));
}
