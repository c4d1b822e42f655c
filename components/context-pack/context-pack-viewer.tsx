"use client";

import { useMemo, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { containerPointers, JsonTree, MarkCounts, type TreeState } from "@/components/context-pack/json-tree";
import { MissingItems } from "@/components/context-pack/missing-items";
import { analyzePack, type PackItem } from "@/lib/context-pack/analyze-pack";
import { childPointer } from "@/lib/context-pack/json-pointer";
import { matchPack } from "@/lib/context-pack/match-pack";
import { itemHref } from "@/lib/usage/item-href";
import { formatCount } from "@/lib/format-count";

export type ContextPackViewerProps = {
  /** The interaction's context_pack, as the API returns it. */
  pack: Record<string, unknown>;
  /** The interaction's memories_used and chunks_used. */
  memoriesUsed: readonly string[];
  chunksUsed: readonly string[];
  /** Containers down to this depth start open (0: the pack only). Default 1. */
  openDepth?: number;
};

// The id field of every memory and chunk in the pack links to that item's page.
function idLinks(items: PackItem[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const item of items) {
    if (item.kind === "item") continue;
    const key = item.kind === "memory" ? "memory_id" : "chunk_id";
    const field = key in item.value ? key : "id";
    if (field in item.value) links.set(childPointer(item.pointer, field), itemHref(item.kind, String(item.value[field])));
  }
  return links;
}

export const toolButton =
  "rounded border border-zinc-300 px-1.5 py-0.5 text-xs text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800";

/**
 * The context pack as a collapsible JSON tree, each item marked "used" or "offered, not
 * used" against the interaction's used lists, with a filter, expand/collapse all, copy and
 * a raw view. Reused by the session transcript for each turn.
 */
export function ContextPackViewer({ pack, memoriesUsed, chunksUsed, openDepth = 1 }: ContextPackViewerProps) {
  const analysis = useMemo(() => analyzePack(pack, memoriesUsed, chunksUsed), [pack, memoriesUsed, chunksUsed]);
  const [open, setOpen] = useState(() => containerPointers(pack, "", openDepth));
  const [query, setQuery] = useState("");
  const [raw, setRaw] = useState(false);
  const filter = useMemo(() => (query.trim() ? matchPack(pack, query) : null), [pack, query]);
  const json = () => JSON.stringify(pack, null, 2);
  const empty = Object.keys(pack).length === 0;

  const links = useMemo(() => idLinks(analysis.items), [analysis]);
  const state: TreeState = {
    marks: analysis.marks,
    links,
    open,
    filter,
    toggle: (p) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (!next.delete(p)) next.add(p);
        return next;
      }),
  };

  return (
    <div className="space-y-2" data-testid="context-pack">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <MarkCounts used={analysis.used} offered={analysis.offered} />
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Filter keys and values  ( / )"
          aria-label="Filter the context pack"
          data-shortcut-filter
          disabled={raw}
          className="order-last w-full rounded border border-zinc-300 bg-white px-2 py-0.5 text-xs sm:order-none sm:w-56 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {filter && <span className="text-zinc-500">{formatCount(filter.matches.size)} found</span>}
        <button type="button" className={toolButton} onClick={() => setOpen(containerPointers(pack))} disabled={raw}>
          Expand all
        </button>
        <button type="button" className={toolButton} onClick={() => setOpen(new Set([""]))} disabled={raw}>
          Collapse all
        </button>
        <button type="button" className={toolButton} onClick={() => setRaw(!raw)} aria-pressed={raw}>
          {raw ? "Tree view" : "Raw view"}
        </button>
        <CopyButton text={json} label="Copy JSON" />
      </div>
      <MissingItems memories={analysis.missingMemories} chunks={analysis.missingChunks} />
      {empty ? (
        <p className="text-xs text-zinc-500">The context pack is empty.</p>
      ) : raw ? (
        <pre tabIndex={0} aria-label="The context pack as JSON" className="max-h-[70vh] overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">{json()}</pre>
      ) : filter && filter.matches.size === 0 ? (
        <p className="text-xs text-zinc-500">Nothing in the pack matches “{query}”.</p>
      ) : (
        <div className="overflow-x-auto">
          <JsonTree value={pack} state={state} />
        </div>
      )}
    </div>
  );
}
