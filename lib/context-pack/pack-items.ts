import { NotFoundError } from "@/lib/errors";
import { childPointer, pointerTokens } from "@/lib/context-pack/json-pointer";
import type { IndexedItem, PackIndex } from "@/lib/context-pack/pack-index";
import type { PackAnswer, PackItemEntry, PackQuery } from "@/lib/context-pack/schema";

/** Values of an expanded page stop once they add up to this much JSON; later items come without. */
export const EXPAND_MAX_BYTES = 512 * 1024;

function entryOf(item: IndexedItem, withValue: boolean): PackItemEntry {
  const { json, haystack: _haystack, ...entry } = item;
  return withValue ? { ...entry, value: JSON.parse(json) as Record<string, unknown> } : entry;
}

function childOf(container: unknown, key: string): { found: boolean; value: unknown } {
  if (Array.isArray(container)) {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= container.length) return { found: false, value: undefined };
    return { found: true, value: container[Number(key)] };
  }
  if (typeof container === "object" && container !== null && Object.hasOwn(container, key)) {
    return { found: true, value: (container as Record<string, unknown>)[key] };
  }
  return { found: false, value: undefined };
}

/** The node a pointer names: walked in the skeleton, then inside the item that holds it. */
function resolve(index: PackIndex, pointer: string): { found: boolean; value: unknown } {
  const tokens = pointerTokens(pointer) ?? [];
  let at = "";
  let value: unknown = index.skeleton;
  for (const token of tokens) {
    if (index.topItems.has(at)) value = JSON.parse(index.items[index.byPointer.get(at)!].json);
    const child = childOf(value, token);
    if (!child.found) return child;
    value = child.value;
    at = childPointer(at, token);
  }
  if (index.topItems.has(at)) value = JSON.parse(index.items[index.byPointer.get(at)!].json);
  return { found: true, value };
}

/**
 * Answers a pack query from its index. The pack itself ("") and any node with items beneath
 * it ("/memories") answer a page of those items, filtered; any other node (an item, a node
 * inside one, a field without items) answers whole.
 */
export function pagePackItems(index: PackIndex, query: PackQuery): PackAnswer {
  const { pointer } = query;
  const node = resolve(index, pointer);
  if (!node.found) throw new NotFoundError(`The context pack has nothing at ${JSON.stringify(pointer)}`);

  const prefix = `${pointer}/`;
  const itemAt = index.byPointer.get(pointer);
  const beneath = itemAt === undefined ? index.items.filter((it) => pointer === "" || it.pointer.startsWith(prefix)) : [];
  if (itemAt !== undefined || (beneath.length === 0 && pointer !== "")) {
    return { type: "node", pointer, item: itemAt === undefined ? null : entryOf(index.items[itemAt], false), value: node.value };
  }

  const q = query.q.toLowerCase();
  const matching = beneath.filter((it) => (!query.used || it.mark === "used") && (!q || it.haystack.includes(q)));
  let budget = EXPAND_MAX_BYTES;
  const items = matching.slice(query.offset, query.offset + query.limit).map((it) => {
    const withValue = query.expand && it.size <= budget;
    budget = withValue ? budget - it.size : -1;
    return entryOf(it, withValue);
  });
  return { type: "items", pointer, total: matching.length, offset: query.offset, limit: query.limit, items, summary: index.summary };
}
