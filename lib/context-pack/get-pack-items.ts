import { loadPackIndex } from "@/lib/context-pack/load-pack-index";
import { pagePackItems } from "@/lib/context-pack/pack-items";
import type { PackAnswer, PackQuery } from "@/lib/context-pack/schema";

/** A page of an interaction's pack items, or one node of the pack whole (see pagePackItems). */
export async function getPackItems(interactionId: string, query: PackQuery): Promise<PackAnswer> {
  return pagePackItems(await loadPackIndex(interactionId), query);
}
