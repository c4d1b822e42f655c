import { ContextPackViewer } from "@/components/context-pack/context-pack-viewer";
import { PackBrowser } from "@/components/context-pack/pack-browser";
import type { PackIndex } from "@/lib/context-pack/pack-index";
import { pagePackItems } from "@/lib/context-pack/pack-items";
import { PACK_PAGE_DEFAULT_LIMIT, type PackItemsPage } from "@/lib/context-pack/schema";

type Props = { interactionId: string; index: PackIndex; memoriesUsed: string[]; chunksUsed: string[] };

/**
 * An interaction's context pack on its page: a small pack (the common case) whole, in the
 * JSON tree; a large one as its summary and first window of items, the rest fetched on demand.
 */
export function PackSection({ interactionId, index, memoriesUsed, chunksUsed }: Props) {
  if (index.pack) return <ContextPackViewer pack={index.pack} memoriesUsed={memoriesUsed} chunksUsed={chunksUsed} />;
  const initial = pagePackItems(index, { pointer: "", offset: 0, limit: PACK_PAGE_DEFAULT_LIMIT, used: false, q: "", expand: false }) as PackItemsPage;
  return <PackBrowser interactionId={interactionId} initial={initial} />;
}
