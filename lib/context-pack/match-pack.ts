import { ancestorPointers, childPointer } from "@/lib/context-pack/json-pointer";

export type PackMatches = {
  /** Nodes whose key or scalar value contains the query. */
  matches: Set<string>;
  /** The ancestors of every match: the containers to open so each match can be seen. */
  ancestors: Set<string>;
};

/** Finds the nodes of a pack whose key or scalar value contains `query` (case-insensitive). */
export function matchPack(pack: unknown, query: string): PackMatches {
  const q = query.trim().toLowerCase();
  const matches = new Set<string>();
  const ancestors = new Set<string>();
  if (!q) return { matches, ancestors };
  const stack: { value: unknown; pointer: string; key: string | null }[] = [{ value: pack, pointer: "", key: null }];
  while (stack.length > 0) {
    const { value, pointer, key } = stack.pop()!;
    const scalar = typeof value !== "object" || value === null;
    if ((key !== null && key.toLowerCase().includes(q)) || (scalar && String(value).toLowerCase().includes(q))) {
      matches.add(pointer);
      for (const a of ancestorPointers(pointer)) ancestors.add(a);
    }
    if (scalar) continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
    for (const [k, v] of entries) stack.push({ value: v, pointer: childPointer(pointer, k), key: Array.isArray(value) ? null : k });
  }
  return { matches, ancestors };
}
