import { listHrefFor } from "@/components/list-url";

// The /interactions URL: the shared list URL (components/list-url.ts) at this path.
export { FILTER_PARAMS, hasFilters, PAGE_SIZES, type ListParams } from "@/components/list-url";

export const listHref = listHrefFor("/interactions");
