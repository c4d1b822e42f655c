import { ItemListQuerySchema, type ItemKind, type ItemListQuery } from "@/lib/memory-audit/schema";
import { searchParamsToObject, type ListQueryIssue, type SearchParamsInput } from "@/lib/interactions/schema";

// The /memories and /chunks URLs: the API's parser, leniently (a parameter that does not parse
// is dropped and named on the page).

export const ITEM_LIST_PARAMS = ["project", "client", "since", "until", "min_versions", "sort", "limit", "cursor", "min_offered"] as const;
export const LIST_PATH: Record<ItemKind, string> = { memory: "/memories", chunk: "/chunks" };

export type ItemListUrl = { params: Record<string, string>; query: ItemListQuery; issues: ListQueryIssue[]; minOffered: number };

export function readItemListUrl(input: SearchParamsInput): ItemListUrl {
  const all = searchParamsToObject(input);
  const params: Record<string, string> = {};
  for (const k of ITEM_LIST_PARAMS) if (all[k]) params[k] = all[k];
  const { min_offered: minOfferedText, ...listParams } = params;
  const issues: ListQueryIssue[] = [];
  let parsed = ItemListQuerySchema.safeParse(listParams);
  if (!parsed.success) {
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    for (const i of parsed.error.issues) issues.push({ param: String(i.path[0]), message: i.message });
    for (const k of bad) delete params[k];
    parsed = ItemListQuerySchema.safeParse(Object.fromEntries(Object.entries(listParams).filter(([k]) => !bad.has(k))));
  }
  const query = parsed.success ? parsed.data : ItemListQuerySchema.parse({});
  if (query.limit === 0) query.limit = 50;
  let minOffered = 10;
  if (minOfferedText !== undefined) {
    if (/^\d{1,9}$/.test(minOfferedText)) minOffered = Number(minOfferedText);
    else {
      issues.push({ param: "min_offered", message: "min_offered must be a whole number >= 0" });
      delete params.min_offered;
    }
  }
  return { params, query, issues, minOffered };
}

/** A link to the list with some parameters changed ("" removes one); any change but the cursor starts at the first page. */
export function itemListHref(kind: ItemKind, params: Record<string, string>, change: Record<string, string>): string {
  const next = { ...params, ...change };
  if (!("cursor" in change)) delete next.cursor;
  const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== ""));
  const text = qs.toString();
  return `${LIST_PATH[kind]}${text ? `?${text}` : ""}`;
}
