// Finds a memory or chunk inside a context pack: the first object (depth first, in the
// pack's order) whose id, memory_id or chunk_id is the item's id. Packs come from clients and
// have no fixed shape, so this looks everywhere, without recursion (packs can be deep).

const ID_KEYS = ["id", "memory_id", "chunk_id"] as const;
const TEXT_KEYS = ["text", "content", "body", "snippet", "summary"] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const idOf = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

export function findPackItem(pack: unknown, itemId: string): Record<string, unknown> | null {
  const stack: unknown[] = [pack];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (isObject(value) && ID_KEYS.some((k) => idOf(value[k]) === itemId)) return value;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

/** The item's text when the pack object names it in one of the usual fields. */
export function packItemText(item: Record<string, unknown>): string | null {
  for (const k of TEXT_KEYS) if (typeof item[k] === "string") return item[k];
  return null;
}
