"use client";

import { useRef, useState } from "react";
import { toolButton } from "@/components/context-pack/context-pack-viewer";
import { fetchPack, type PackParams } from "@/components/context-pack/fetch-pack";
import { MarkCounts } from "@/components/context-pack/json-tree";
import { MissingItems } from "@/components/context-pack/missing-items";
import { PackItemRow, sizeLabel, type RowValue } from "@/components/context-pack/pack-item-row";
import { PackFieldRow } from "@/components/context-pack/pack-field-row";
import { PACK_PAGE_DEFAULT_LIMIT, PACK_PAGE_MAX_LIMIT, type PackItemEntry, type PackItemsPage } from "@/lib/context-pack/schema";
import { formatCount } from "@/lib/format-count";

type Props = {
  interactionId: string;
  /** The first page of the pack's items (pointer "", no filter), rendered with the page. */
  initial: PackItemsPage;
};

type Filters = { pointer: string; used: boolean; q: string; expand: boolean };

/**
 * A large context pack, a window of items at a time: each item a row (its id, used / offered
 * mark, size and a preview) that opens to the item whole, fetched then. The filter box and
 * the "used items only" toggle ask the server, which filters the whole pack; "Expand all"
 * opens the rows shown and those that "show more" adds, never the whole pack at once.
 */
export function PackBrowser({ interactionId, initial }: Props) {
  const { summary } = initial;
  const [filters, setFilters] = useState<Filters>({ pointer: "", used: false, q: "", expand: false });
  const [rows, setRows] = useState<{ items: PackItemEntry[]; total: number }>({ items: initial.items, total: initial.total });
  const [values, setValues] = useState<Map<string, RowValue>>(new Map());
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<{ loading: boolean; error?: string }>({ loading: false });
  const request = useRef<AbortController | null>(null);

  function withValues(items: PackItemEntry[], into: Map<string, RowValue>) {
    for (const it of items) if (it.value !== undefined) into.set(it.pointer, { status: "ready", value: it.value });
  }

  async function load(next: Filters, offset: number, limit = PACK_PAGE_DEFAULT_LIMIT) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setStatus({ loading: true });
    const params: PackParams = { ...next, offset, limit };
    try {
      const page = await fetchPack(interactionId, params, controller.signal);
      if (page.type !== "items") throw new Error("the pack has no items there");
      setRows((prev) => ({ items: offset === 0 ? page.items : [...prev.items, ...page.items], total: page.total }));
      setValues((prev) => {
        const map = new Map(prev);
        withValues(page.items, map);
        return map;
      });
      if (next.expand) setOpen((prev) => new Set([...prev, ...page.items.filter((it) => it.value !== undefined).map((it) => it.pointer)]));
      setStatus({ loading: false });
    } catch (err) {
      if (controller.signal.aborted) return;
      setStatus({ loading: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  function refilter(change: Partial<Filters>) {
    const next = { ...filters, ...change };
    setFilters(next);
    if (!next.expand) setOpen(new Set());
    void load(next, 0, next.expand ? Math.min(Math.max(rows.items.length, PACK_PAGE_DEFAULT_LIMIT), PACK_PAGE_MAX_LIMIT) : PACK_PAGE_DEFAULT_LIMIT);
  }

  function collapseAll() {
    setFilters({ ...filters, expand: false });
    setOpen(new Set());
  }

  async function toggle(item: PackItemEntry) {
    const pointer = item.pointer;
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(pointer)) next.add(pointer);
      return next;
    });
    const known = values.get(pointer);
    if (open.has(pointer) || known?.status === "ready" || known?.status === "loading") return;
    setValues((prev) => new Map(prev).set(pointer, { status: "loading" }));
    let value: RowValue;
    try {
      const node = await fetchPack(interactionId, { pointer });
      value = { status: "ready", value: node.type === "node" ? node.value : null };
    } catch (err) {
      value = { status: "error", message: err instanceof Error ? err.message : String(err) };
    }
    setValues((prev) => new Map(prev).set(pointer, value));
  }

  const filtered = filters.used || filters.q !== "";
  const scopes = summary.fields.filter((f) => f.items > 0);
  const plainFields = summary.fields.filter((f) => f.items === 0);

  return (
    <div className="space-y-2 text-xs" data-testid="context-pack">
      <div className="flex flex-wrap items-center gap-2">
        <MarkCounts used={summary.used} offered={summary.offered} />
        <span className="text-zinc-500" data-testid="pack-size">
          {formatCount(summary.items)} items ({formatCount(summary.memories)} memories, {formatCount(summary.chunks)} chunks),{" "}
          {sizeLabel(summary.bytes)}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={filters.q}
          onChange={(e) => refilter({ q: e.target.value })}
          placeholder="Filter items  ( / )"
          aria-label="Filter the context pack"
          maxLength={200}
          data-shortcut-filter
          className="w-full rounded border border-zinc-300 bg-white px-2 py-0.5 sm:w-56 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={filters.used} onChange={(e) => refilter({ used: e.target.checked })} />
          Used items only
        </label>
        {filtered && (
          <span className="text-zinc-500" data-testid="pack-found">
            {formatCount(rows.total)} found
          </span>
        )}
        <button type="button" className={toolButton} onClick={() => refilter({ expand: true })}>
          Expand all
        </button>
        <button type="button" className={toolButton} onClick={collapseAll}>
          Collapse all
        </button>
        {status.loading && <span className="text-zinc-500">Loading…</span>}
      </div>
      {scopes.length > 1 && (
        <div role="group" aria-label="Which items" className="flex flex-wrap gap-1">
          {[{ pointer: "", key: "All", items: summary.items }, ...scopes].map((s) => (
            <button key={s.pointer} type="button" className={`${toolButton} aria-pressed:bg-zinc-200 aria-pressed:font-semibold dark:aria-pressed:bg-zinc-700`} aria-pressed={filters.pointer === s.pointer} onClick={() => refilter({ pointer: s.pointer })}>
              {s.key} ({formatCount(s.items)})
            </button>
          ))}
        </div>
      )}
      <MissingItems memories={summary.missing_memories} chunks={summary.missing_chunks} />
      {status.error && <p role="alert" className="text-rose-700 dark:text-rose-300">The context pack could not be loaded: {status.error}</p>}
      {plainFields.length > 0 && !filtered && filters.pointer === "" && (
        <ul className="font-mono leading-5" aria-label="Other fields">
          {plainFields.map((f) => (
            <PackFieldRow key={f.pointer} interactionId={interactionId} field={f} />
          ))}
        </ul>
      )}
      {rows.items.length === 0 ? (
        <p className="text-zinc-500">{filtered ? "No item matches." : "The context pack has no items."}</p>
      ) : (
        <ul className="font-mono leading-5" aria-label="Items">
          {rows.items.map((item) => (
            <PackItemRow key={item.pointer} item={item} open={open.has(item.pointer)} value={values.get(item.pointer)} onToggle={() => void toggle(item)} />
          ))}
        </ul>
      )}
      {rows.items.length < rows.total && (
        <button type="button" className={toolButton} onClick={() => void load(filters, rows.items.length)} disabled={status.loading}>
          Show {formatCount(Math.min(PACK_PAGE_DEFAULT_LIMIT, rows.total - rows.items.length))} more ({formatCount(rows.items.length)} of{" "}
          {formatCount(rows.total)} shown)
        </button>
      )}
    </div>
  );
}
