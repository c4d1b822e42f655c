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

function idText(v: unknown): string | null {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) ? String(v) : null;
}

// An offered item with a plain id has no list to name its kind; the key it sits under
// ("memories", "retrieved_chunks") usually does.
function kindFromPointer(pointer: string): ItemKind {
  if (/memor/i.test(pointer)) return "memory";
  if (/chunk/i.test(pointer)) return "chunk";
  return "item";
}

export function analyzePack(pack: unknown, memoriesUsed: readonly string[], chunksUsed: readonly string[]): PackAnalysis {
  const used = { memory: new Set(memoriesUsed), chunk: new Set(chunksUsed) };
  const seen = { memory: new Set<string>(), chunk: new Set<string>() };
  const items: PackItem[] = [];
  const marks = new Map<string, PackMark>();

  // Depth-first in document order, without recursion (packs may be deep). Only objects and
  // arrays are visited: a pack's strings and numbers are most of its values, and none is an item.
  // (Every turn's pack goes through here, ~50 items of thousands of values: the walk allocates
  // little, no entry pairs or id lists per object.)
  const stack: { value: object; pointer: string }[] = typeof pack === "object" && pack !== null ? [{ value: pack, pointer: "" }] : [];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const child: unknown = value[i];
        if (typeof child === "object" && child !== null) stack.push({ value: child, pointer: `${pointer}/${i}` });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = record[keys[i]];
      if (typeof child === "object" && child !== null) stack.push({ value: child, pointer: childPointer(pointer, keys[i]) });
    }

    // memory_id is looked up among memories, chunk_id among chunks, a plain id among both.
    const memoryId = idText(record.memory_id);
    const chunkId = idText(record.chunk_id);
    const id = idText(record.id);
    if (memoryId === null && chunkId === null && id === null) continue;
    if (memoryId !== null) seen.memory.add(memoryId);
    if (chunkId !== null) seen.chunk.add(chunkId);
    if (id !== null) {
      seen.memory.add(id);
      seen.chunk.add(id);
    }
    // The item is named by the first id the agent used, else by the first id it carries.
    let item: PackItem;
    if (memoryId !== null && used.memory.has(memoryId)) item = { pointer, id: memoryId, kind: "memory", mark: "used", value: record };
    else if (chunkId !== null && used.chunk.has(chunkId)) item = { pointer, id: chunkId, kind: "chunk", mark: "used", value: record };
    else if (id !== null && used.memory.has(id)) item = { pointer, id, kind: "memory", mark: "used", value: record };
    else if (id !== null && used.chunk.has(id)) item = { pointer, id, kind: "chunk", mark: "used", value: record };
    else if (memoryId !== null) item = { pointer, id: memoryId, kind: "memory", mark: "offered", value: record };
    else if (chunkId !== null) item = { pointer, id: chunkId, kind: "chunk", mark: "offered", value: record };
    else item = { pointer, id: id!, kind: kindFromPointer(pointer), mark: "offered", value: record };
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
