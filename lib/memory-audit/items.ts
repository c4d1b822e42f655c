import type { VersionInteraction } from "@/lib/db/contract/memory-audit";
import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ItemDetail, ItemKind, ItemList, ItemListQuery } from "@/lib/memory-audit/schema";

// The memory audit's reads: what each memory or chunk was offered and used, and its versions.

export function listItems(kind: ItemKind, q: ItemListQuery): Promise<ItemList> {
  return database().memoryAudit.listItems(kind, q);
}

/** One item's figures and versions, or null for an id never seen in a pack nor a used list. */
export function findItem(kind: ItemKind, itemId: string): Promise<ItemDetail | null> {
  return database().memoryAudit.getItem(kind, itemId);
}

/** One item's figures and versions; 404 for an id never seen in a pack nor a used list. */
export async function getItem(kind: ItemKind, itemId: string): Promise<ItemDetail> {
  const item = await findItem(kind, itemId);
  if (!item) throw new NotFoundError(`No ${kind} with id ${itemId} was seen in any interaction`);
  return item;
}

/** The newest interactions under each of the given versions (the item page's timeline). */
export async function interactionsByVersion(versionIds: readonly number[], perVersion: number): Promise<Map<number, VersionInteraction[]>> {
  const store = database().memoryAudit;
  const lists = await Promise.all(versionIds.map((id) => store.versionInteractions(id, perVersion)));
  return new Map(versionIds.map((id, i) => [id, lists[i]]));
}
