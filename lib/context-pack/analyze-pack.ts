import { childPointer } from "@/lib/context-pack/json-pointer";

// The auditor's first question about a turn: what was the agent given, and what did it use.
// An object in the pack is an item when it carries an `id`, `memory_id` or `chunk_id`; it is
// "used" when one of those ids is in memories_used / chunks_used, "offered" otherwise.

export type PackMark = "used" | "offered";
export type ItemKind = "memory" | "chunk" | "item";

export type PackItem = {
  /** JSON Pointer of the object inside the pack ("/memories/0"). */
  pointer: string;
  /** The id that decided the mark (the matching one when used, else the first present). */
  id: string;
  kind: ItemKind;
  mark: PackMark;
  value: Record<string, unknown>;
};

export type PackAnalysis = {
  /** Every item in document order. */
  items: PackItem[];
  /** The mark of each item, by pointer. */
  marks: Map<string, PackMark>;
  used: number;
  offered: number;
  /** Ids the agent reported using that no object in the pack carries, in the order reported. */
  missingMemories: string[];
  missingChunks: string[];
};

type Candidate = { id: string; lists: ("memory" | "chunk")[] };

function idText(v: unknown): string | null {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) ? String(v) : null;
}

// memory_id is looked up among memories, chunk_id among chunks, a plain id among both.
function candidatesOf(obj: Record<string, unknown>): Candidate[] {
  const out: Candidate[] = [];
  const memoryId = idText(obj.memory_id);
  const chunkId = idText(obj.chunk_id);
  const id = idText(obj.id);
  if (memoryId !== null) out.push({ id: memoryId, lists: ["memory"] });
  if (chunkId !== null) out.push({ id: chunkId, lists: ["chunk"] });
  if (id !== null) out.push({ id, lists: ["memory", "chunk"] });
  return out;
}

// An offered item with a plain id has no list to name its kind; the key it sits under
// ("memories", "retrieved_chunks") usually does.
function kindFromPointer(pointer: string): ItemKind {
  if (/memor/i.test(pointer)) return "memory";
  if (/chunk/i.test(pointer)) return "chunk";
  return "item";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function analyzePack(pack: unknown, memoriesUsed: readonly string[], chunksUsed: readonly string[]): PackAnalysis {
  const used = { memory: new Set(memoriesUsed), chunk: new Set(chunksUsed) };
  const seen = { memory: new Set<string>(), chunk: new Set<string>() };
  const items: PackItem[] = [];
  const marks = new Map<string, PackMark>();

  // Depth-first in document order, without recursion (packs may be deep). Only objects and
  // arrays are visited: a pack's strings and numbers are most of its values, and none is an item.
  const stack: { value: object; pointer: string }[] = typeof pack === "object" && pack !== null ? [{ value: pack, pointer: "" }] : [];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop()!;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const child = entries[i][1];
      if (typeof child === "object" && child !== null) stack.push({ value: child, pointer: childPointer(pointer, entries[i][0]) });
    }
    if (!isObject(value)) continue;

    const candidates = candidatesOf(value);
    if (candidates.length === 0) continue;
    for (const c of candidates) for (const list of c.lists) seen[list].add(c.id);
    let match: { id: string; kind: "memory" | "chunk" } | undefined;
    for (const c of candidates) {
      const list = c.lists.find((l) => used[l].has(c.id));
      if (list) {
        match = { id: c.id, kind: list };
        break;
      }
    }
    const first = candidates[0];
    const item: PackItem = match
      ? { pointer, id: match.id, kind: match.kind, mark: "used", value }
      : { pointer, id: first.id, kind: first.lists.length === 1 ? first.lists[0] : kindFromPointer(pointer), mark: "offered", value };
    items.push(item);
    marks.set(pointer, item.mark);
  }

  const missing = (list: readonly string[], found: Set<string>) => [...new Set(list)].filter((id) => !found.has(id));
  const usedCount = items.filter((i) => i.mark === "used").length;
  return {
    items,
    marks,
    used: usedCount,
    offered: items.length - usedCount,
    missingMemories: missing(memoriesUsed, seen.memory),
    missingChunks: missing(chunksUsed, seen.chunk),
  };
}
