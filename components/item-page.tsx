import { ItemUsageView } from "@/components/item-usage-view";
import type { ItemKind } from "@/lib/usage/find-item-interactions";
import { loadItemPage } from "@/lib/usage/load-item-page";

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

/** The page of one memory or chunk (app/memories/[id], app/chunks/[id]). */
export async function ItemPage({ kind, params, searchParams }: Props) {
  const id = itemId((await params).id);
  const data = await loadItemPage(kind, id, await searchParams);
  return (
    <>
      {data.problem && (
        <p role="alert" className="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950">
          Ignored invalid parameters: {data.problem}
        </p>
      )}
      <ItemUsageView kind={kind} itemId={id} {...data} />
    </>
  );
}

export async function itemTitle(kind: ItemKind, params: Promise<{ id: string }>) {
  return { title: `${kind === "memory" ? "Memory" : "Chunk"} ${itemId((await params).id)}` };
}
