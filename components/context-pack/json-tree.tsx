"use client";

import type { PackMark } from "@/lib/context-pack/analyze-pack";
import { childPointer } from "@/lib/context-pack/json-pointer";
import type { PackMatches } from "@/lib/context-pack/match-pack";
import { formatCount } from "@/lib/format-count";

export type TreeState = {
  marks: Map<string, PackMark>;
  /** Scalars that are a memory's or chunk's id, by pointer: each links to the item's page. */
  links: Map<string, string>;
  open: Set<string>;
  toggle: (pointer: string) => void;
  /** Set while the filter box holds a query. */
  filter: PackMatches | null;
};

const PREVIEW_CHARS = 120;

function isContainer(v: unknown): v is object {
  return typeof v === "object" && v !== null;
}

function entriesOf(v: object): [string, unknown][] {
  return Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
}

export function MarkBadge({ mark }: { mark: PackMark }) {
  return mark === "used" ? (
    <span className="ml-2 rounded bg-emerald-100 px-1.5 font-sans text-[11px] font-medium text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200">
      used
    </span>
  ) : (
    <span className="ml-2 rounded bg-amber-100 px-1.5 font-sans text-[11px] font-medium text-amber-900 dark:bg-amber-900/50 dark:text-amber-200">
      offered, not used
    </span>
  );
}

/** How many items of a pack were used and how many only offered. */
export function MarkCounts({ used, offered }: { used: number; offered: number }) {
  return (
    <span data-testid="pack-counts" className="mr-2 flex items-center">
      <strong className="tabular-nums">{used}</strong>
      <MarkBadge mark="used" />
      <strong className="ml-3 tabular-nums">{offered}</strong>
      <MarkBadge mark="offered" />
    </span>
  );
}

function Scalar({ value, href }: { value: unknown; href?: string }) {
  if (href)
    return (
      <a href={href} className="break-words text-sky-700 underline decoration-dotted hover:decoration-solid dark:text-sky-300">
        &quot;{String(value)}&quot;
      </a>
    );
  if (typeof value === "string")
    return <span className="whitespace-pre-wrap break-words text-sky-700 dark:text-sky-300">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>;
  return <span className="text-rose-700 dark:text-rose-300">{String(value)}</span>;
}

type NodeProps = { name: string | null; value: unknown; pointer: string; state: TreeState; insideMatch: boolean };

function JsonNode({ name, value, pointer, state, insideMatch }: NodeProps) {
  const { filter, marks } = state;
  const matched = filter?.matches.has(pointer) ?? false;
  if (filter && !matched && !insideMatch && !filter.ancestors.has(pointer)) return null;
  const mark = marks.get(pointer);
  const container = isContainer(value);
  const open = container && (state.open.has(pointer) || (filter?.ancestors.has(pointer) ?? false));
  const size = container ? entriesOf(value).length : 0;
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const markClass =
    mark === "used"
      ? "border-l-2 border-emerald-500 pl-1"
      : mark === "offered"
        ? "border-l-2 border-amber-400 pl-1 dark:border-amber-500"
        : "";

  return (
    <li data-pointer={pointer} data-mark={mark} className={markClass}>
      <div className={`flex items-start gap-1 py-px ${matched ? "bg-yellow-100 dark:bg-yellow-900/40" : ""}`}>
        {container ? (
          <button
            type="button"
            onClick={() => state.toggle(pointer)}
            aria-expanded={open}
            aria-label={`${open ? "Collapse" : "Expand"} ${name ?? "pack"}`}
            className="w-4 shrink-0 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
          >
            {open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <span className="min-w-0">
          {name !== null && <span className="text-zinc-800 dark:text-zinc-200">{name}: </span>}
          {!container ? (
            <Scalar value={value} href={state.links.get(pointer)} />
          ) : open ? (
            <span className="text-zinc-500">{brackets[0]}</span>
          ) : (
            <button type="button" onClick={() => state.toggle(pointer)} className="text-left text-zinc-500 hover:underline">
              {brackets[0]}
              {size === 0 ? "" : ` ${formatCount(size)} ${Array.isArray(value) ? "items" : "keys"} `}
              {brackets[1]}
              {!Array.isArray(value) && size > 0 && (
                <span className="ml-2 break-all text-zinc-500 dark:text-zinc-400">{truncate(JSON.stringify(value))}</span>
              )}
            </button>
          )}
          {mark && <MarkBadge mark={mark} />}
        </span>
      </div>
      {container && open && (
        <>
          <JsonChildren value={value} pointer={pointer} state={state} insideMatch={insideMatch || matched} />
          <span className="ml-5 text-zinc-500">{brackets[1]}</span>
        </>
      )}
    </li>
  );
}

/** The members of an open container; alone, for a node whose own row is drawn elsewhere. */
export function JsonChildren({ value, pointer, state, insideMatch = false }: { value: object; pointer: string; state: TreeState; insideMatch?: boolean }) {
  return (
    <ul className="ml-4 border-l border-zinc-200 pl-1 dark:border-zinc-800">
      {entriesOf(value).map(([k, v]) => (
        <JsonNode key={k} name={k} value={v} pointer={childPointer(pointer, k)} state={state} insideMatch={insideMatch} />
      ))}
    </ul>
  );
}

function truncate(s: string): string {
  return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}…` : s;
}

export function JsonTree({ value, state }: { value: unknown; state: TreeState }) {
  return (
    <ul className="font-mono text-xs leading-5">
      <JsonNode name={null} value={value} pointer="" state={state} insideMatch={false} />
    </ul>
  );
}

/** Pointers of every container in the value, for "expand all". */
export function containerPointers(value: unknown, pointer = "", depthLimit = Infinity, out = new Set<string>()): Set<string> {
  if (!isContainer(value) || depthLimit < 0) return out;
  out.add(pointer);
  for (const [k, v] of entriesOf(value)) containerPointers(v, childPointer(pointer, k), depthLimit - 1, out);
  return out;
}
