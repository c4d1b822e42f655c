import { analyzePack, type ItemKind } from "@/lib/context-pack/analyze-pack";
import { childPointer } from "@/lib/context-pack/json-pointer";
import type { PackField, PackItemEntry, PackSummary } from "@/lib/context-pack/schema";
import { summarizePack, summaryHeapBytes, type PackSummary as DiffSummary } from "@/lib/sessions/pack-diff";

// What a large pack is kept as between requests: one entry per item with the little a page
// shows (pointer, id, mark, a preview) plus the item's JSON text and the text the filter
// searches. The parsed pack is dropped: only its part outside the items (the skeleton) stays.

export const PREVIEW_CHARS = 160;

export type IndexedItem = Omit<PackItemEntry, "value"> & {
  /** The item's JSON text, parsed again only when the item is asked for whole. */
  json: string;
  /** Its keys and scalar values, lower-cased, one per line: what the filter searches. */
  haystack: string;
};

export type PackIndex = {
  /** Every item, nested ones too, in document order. */
  items: IndexedItem[];
  /** Item position by pointer. */
  byPointer: Map<string, number>;
  /** Pointers of the items that no other item holds: the skeleton has null in their place. */
  topItems: Set<string>;
  skeleton: unknown;
  summary: PackSummary;
  /** What a diff with another turn's pack compares (lib/sessions/pack-diff.ts). */
  diffSummary: DiffSummary;
  /** The parsed pack, kept only when it is small enough to show whole. */
  pack: Record<string, unknown> | null;
  /** An estimate of the index's heap size, for the cache's budget. */
  heapBytes: number;
};

const TEXT_KEYS = ["text", "content", "summary", "body", "title"];

function oneLine(s: string): string {
  const flat = s.slice(0, 4 * PREVIEW_CHARS).replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}

function previewOf(value: unknown, json: string): string {
  if (typeof value === "string") return oneLine(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const key = TEXT_KEYS.find((k) => typeof obj[k] === "string" && obj[k] !== "");
    if (key) return oneLine(obj[key] as string);
  }
  return oneLine(json);
}

function haystackOf(value: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) {
      parts.push(String(v));
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i][1], entries[i][0]);
  }
  // Keys are pushed after their values, so they pop first and each key precedes its value.
  return parts.join("\n").toLowerCase();
}

function typeOf(v: unknown): PackField["type"] {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as PackField["type"];
}

// The pack without its top-level items: what a pointer outside every item walks.
function skeletonOf(value: unknown, pointer: string, topItems: Set<string>): unknown {
  if (topItems.has(pointer)) return null;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v, i) => skeletonOf(v, childPointer(pointer, i), topItems));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeletonOf(v, childPointer(pointer, k), topItems)]));
}

const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** Indexes a parsed pack against the interaction's used lists; `bytes` is its JSON text's size. */
export function buildPackIndex(
  pack: Record<string, unknown>,
  memoriesUsed: readonly string[],
  chunksUsed: readonly string[],
  bytes: number,
  keepWholeUpTo: number,
): PackIndex {
  const analysis = analyzePack(pack, memoriesUsed, chunksUsed);
  const topItems = new Set<string>();
  let top: string | null = null;
  const byPointer = new Map<string, number>();
  let heapBytes = 0;
  const items: IndexedItem[] = analysis.items.map((item, i) => {
    // analyzePack lists items depth-first, so an item inside another comes right after it.
    if (top === null || !item.pointer.startsWith(`${top}/`)) {
      top = item.pointer;
      topItems.add(item.pointer);
    }
    byPointer.set(item.pointer, i);
    const json = JSON.stringify(item.value);
    const entry: IndexedItem = {
      pointer: item.pointer,
      id: item.id,
      kind: item.kind,
      mark: item.mark,
      preview: previewOf(item.value, json),
      size: byteLength(json),
      json,
      haystack: haystackOf(item.value),
    };
    // V8 keeps a string in one or two bytes a character; count two, plus the object.
    heapBytes += 2 * (json.length + entry.haystack.length + entry.preview.length + entry.pointer.length + entry.id.length) + 200;
    return entry;
  });

  const skeleton = skeletonOf(pack, "", topItems);
  const itemsUnder = new Map<string, number>();
  for (const it of items) {
    const slash = it.pointer.indexOf("/", 1);
    const field = slash < 0 ? it.pointer : it.pointer.slice(0, slash);
    itemsUnder.set(field, (itemsUnder.get(field) ?? 0) + 1);
  }
  const fields: PackField[] = Object.entries(pack).map(([key, value]) => {
    const pointer = childPointer("", key);
    const json = JSON.stringify(value) ?? "null";
    return {
      pointer,
      key,
      type: typeOf(value),
      items: itemsUnder.get(pointer) ?? 0,
      size: byteLength(json),
      preview: previewOf(value, json),
    };
  });
  const small = bytes <= keepWholeUpTo;
  heapBytes += 2 * (JSON.stringify(skeleton)?.length ?? 0) + (small ? 4 * bytes : 0);

  const count = (kind: ItemKind) => items.filter((it) => it.kind === kind).length;
  const summary: PackSummary = {
    bytes,
    items: items.length,
    used: analysis.used,
    offered: analysis.offered,
    memories: count("memory"),
    chunks: count("chunk"),
    missing_memories: analysis.missingMemories,
    missing_chunks: analysis.missingChunks,
    fields,
  };
  const diffSummary = summarizePack(analysis, "md5");
  heapBytes += summaryHeapBytes(diffSummary);
  return { items, byPointer, topItems, skeleton, summary, diffSummary, pack: small ? pack : null, heapBytes };
}
