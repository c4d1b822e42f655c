import Link from "next/link";
import { ItemUsageView } from "@/app/(items)/item-usage-view";
import { ItemVersions } from "@/app/(items)/item-versions";
import { itemPageHref, readItemUrl } from "@/app/(items)/search-params";
import { loadItemPage } from "@/app/(items)/load-item-page";
import { FilterIssues } from "@/components/filter-issues";
import { FILTER_PARAMS } from "@/lib/interactions/schema";
import type { ItemKind } from "@/lib/usage/find-item-interactions";

// Next.js hands the page its segment still percent-encoded but (in 16.4) generateMetadata
// sometimes decoded already; an id that no longer decodes is taken as it is.
function itemId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Props = { kind: ItemKind; params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The page of one memory or chunk (app/(items)/memories/[id], app/(items)/chunks/[id]). */
export async function ItemPage({ kind, params, searchParams }: Props) {
  const id = itemId((await params).id);
  const url = readItemUrl(await searchParams);
  const data = await loadItemPage(kind, id, url.query, url.params);
  const filters = FILTER_PARAMS.filter((k) => url.params[k]);
  return (
    <>
      <div className="mb-3 empty:hidden">
        <FilterIssues issues={url.issues} />
      </div>
      {filters.length > 0 && (
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="item-filters">
          Uses where {filters.map((k) => `${k} = ${url.params[k]}`).join(", ")} ·{" "}
          <Link className="text-sky-700 hover:underline dark:text-sky-400" href={itemPageHref(kind, id)({}, {})}>
            all uses
          </Link>
        </p>
      )}
      <ItemUsageView kind={kind} itemId={id} {...data} />
      <div className="mt-6">
        <ItemVersions kind={kind} itemId={id} />
      </div>
    </>
  );
}

export async function itemTitle(kind: ItemKind, params: Promise<{ id: string }>) {
  return { title: `${kind === "memory" ? "Memory" : "Chunk"} ${itemId((await params).id)}` };
}
