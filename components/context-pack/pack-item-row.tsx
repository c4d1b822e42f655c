"use client";

import { useState } from "react";
import { containerPointers, JsonChildren, JsonTree, MarkBadge, type TreeState } from "@/components/context-pack/json-tree";
import { ItemLink } from "@/components/item-link";
import { childPointer } from "@/lib/context-pack/json-pointer";
import type { PackItemEntry } from "@/lib/context-pack/schema";
import { itemHref } from "@/lib/usage/item-href";

export type RowValue = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; value: unknown };

export const sizeLabel = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** One node of the pack, fetched on demand, as a fully open JSON tree that can be folded. */
export function NodeTree({ value, pointer, item }: { value: unknown; pointer: string; item?: PackItemEntry }) {
  const [open, setOpen] = useState(() => containerPointers(value, pointer));
  const links = new Map<string, string>();
  if (item && item.kind !== "item" && typeof value === "object" && value !== null) {
    const key = item.kind === "memory" ? "memory_id" : "chunk_id";
    links.set(childPointer(pointer, key in value ? key : "id"), itemHref(item.kind, item.id));
  }
  const state: TreeState = {
    marks: new Map(),
    links,
    open,
    filter: null,
    toggle: (p) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (!next.delete(p)) next.add(p);
        return next;
      }),
  };
  if (typeof value === "object" && value !== null) return <JsonChildren value={value} pointer={pointer} state={state} />;
  return <JsonTree value={value} state={state} />;
}

type RowProps = { item: PackItemEntry; open: boolean; value: RowValue | undefined; onToggle: () => void };

export function PackItemRow({ item, open, value, onToggle }: RowProps) {
  const markClass = item.mark === "used" ? "border-emerald-500" : "border-amber-400 dark:border-amber-500";
  return (
    <li data-pointer={item.pointer} data-mark={item.mark} className={`border-l-2 pl-1 ${markClass}`}>
      <div className="flex items-start gap-1 py-px">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${item.kind} ${item.id}`}
          className="w-4 shrink-0 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
        >
          {open ? "▾" : "▸"}
        </button>
        <span className="min-w-0 flex-1">
          <span className="text-zinc-500">{item.pointer} </span>
          {item.kind === "item" ? <span>{item.id}</span> : <ItemLink kind={item.kind} id={item.id} />}
          <MarkBadge mark={item.mark} />
          <span className="ml-2 text-zinc-500 dark:text-zinc-400">{sizeLabel(item.size)}</span>
          {!open && <span className="ml-2 break-all text-zinc-600 dark:text-zinc-400">{item.preview}</span>}
        </span>
      </div>
      {open &&
        (value?.status === "ready" ? (
          <NodeTree value={value.value} pointer={item.pointer} item={item} />
        ) : value?.status === "error" ? (
          <p role="alert" className="ml-5 text-rose-700 dark:text-rose-300">Could not load this item: {value.message}</p>
        ) : (
          <p className="ml-5 text-zinc-500">Loading…</p>
        ))}
    </li>
  );
}
