"use client";

import { useState } from "react";
import { fetchPack } from "@/components/context-pack/fetch-pack";
import { NodeTree, sizeLabel, type RowValue } from "@/components/context-pack/pack-item-row";
import type { PackField } from "@/lib/context-pack/schema";

/** A top-level field of a large pack that holds no items (its query, its settings): fetched when opened. */
export function PackFieldRow({ interactionId, field }: { interactionId: string; field: PackField }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<RowValue | null>(null);
  const container = field.type === "object" || field.type === "array";

  async function toggle() {
    setOpen(!open);
    if (value) return;
    setValue({ status: "loading" });
    try {
      const node = await fetchPack(interactionId, { pointer: field.pointer });
      setValue({ status: "ready", value: node.type === "node" ? node.value : null });
    } catch (err) {
      setValue({ status: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <li data-pointer={field.pointer} className="pl-1.5">
      <div className="flex items-start gap-1 py-px">
        <button
          type="button"
          onClick={() => void toggle()}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${field.key}`}
          className="w-4 shrink-0 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
        >
          {open ? "▾" : "▸"}
        </button>
        <span className="min-w-0">
          <span className="text-zinc-800 dark:text-zinc-200">{field.key}: </span>
          {!open && <span className="break-all text-zinc-600 dark:text-zinc-400">{field.type === "string" ? `"${field.preview}"` : field.preview}</span>}
          {container && <span className="ml-2 text-zinc-500 dark:text-zinc-400">{sizeLabel(field.size)}</span>}
        </span>
      </div>
      {open &&
        (value?.status === "ready" ? (
          <div className="ml-5">
            <NodeTree value={value.value} pointer={field.pointer} />
          </div>
        ) : value?.status === "error" ? (
          <p role="alert" className="ml-5 text-rose-700 dark:text-rose-300">Could not load this field: {value.message}</p>
        ) : (
          <p className="ml-5 text-zinc-500">Loading…</p>
        ))}
    </li>
  );
}
