import { analyzePack, type ItemKind, type PackAnalysis, type PackMark } from "@/lib/context-pack/analyze-pack";
import { cutText } from "@/lib/sessions/cut-text";
import { fullItemText } from "@/lib/sessions/pack-item-text";
import type { PackDiff, PackDiffItem } from "@/lib/sessions/schema";

// What changed in the context pack from one turn to the next: the items (memories, chunks,
// any object with an id) that entered, that left, whose text changed, and whose used /
// offered mark changed. Items are matched by kind and id, the way analyzePack finds them;
// an id repeated inside one pack counts once, at its first place.

/** How much of an item's text a diff carries: enough to recognise it, never a whole document. */
export const DIFF_TEXT_CHARS = 200;

type SummaryItem = { kind: ItemKind; id: string; mark: PackMark; text: string };

/** A pack reduced to what a diff compares, in document order; the pack itself can be dropped. */
export type PackSummary = Map<string, SummaryItem>;

const keyOf = (kind: ItemKind, id: string) => `${kind}\u0000${id}`;
const preview = (text: string) => cutText(text, DIFF_TEXT_CHARS);

export function summarizePack(analysis: PackAnalysis): PackSummary {
  const summary: PackSummary = new Map();
  for (const item of analysis.items) {
    const key = keyOf(item.kind, item.id);
    if (!summary.has(key)) summary.set(key, { kind: item.kind, id: item.id, mark: item.mark, text: fullItemText(item.value) });
  }
  return summary;
}

/** The change from `previous` to `current`: what entered (this pack's order), what left (the previous pack's order), then what changed. */
export function diffPacks(previous: PackSummary, current: PackSummary): PackDiff {
  const entered: PackDiffItem[] = [];
  const changed: PackDiffItem[] = [];
  const left: PackDiffItem[] = [];
  let unchanged = 0;
  for (const [key, item] of current) {
    const before = previous.get(key);
    const base = { kind: item.kind, id: item.id, mark: item.mark, text: preview(item.text) };
    if (!before) {
      entered.push({ ...base, change: "entered", text_changed: false, mark_changed: false, previous_mark: null, previous_text: null });
      continue;
    }
    const textChanged = before.text !== item.text;
    const markChanged = before.mark !== item.mark;
    if (!textChanged && !markChanged) {
      unchanged++;
      continue;
    }
    changed.push({
      ...base,
      change: "changed",
      text_changed: textChanged,
      mark_changed: markChanged,
      previous_mark: before.mark,
      previous_text: textChanged ? preview(before.text) : null,
    });
  }
  for (const [key, item] of previous) {
    if (current.has(key)) continue;
    left.push({
      kind: item.kind,
      id: item.id,
      change: "left",
      text_changed: false,
      mark_changed: false,
      mark: item.mark,
      previous_mark: item.mark,
      text: preview(item.text),
      previous_text: null,
    });
  }
  return {
    counts: {
      entered: entered.length,
      left: left.length,
      text_changed: changed.filter((c) => c.text_changed).length,
      mark_changed: changed.filter((c) => c.mark_changed).length,
      unchanged,
    },
    items: [...entered, ...left, ...changed],
  };
}

type Turn = { context_pack: unknown; memories_used: readonly string[]; chunks_used: readonly string[] };

/** The diff between two turns' packs. */
export function packDiff(previous: Turn, current: Turn): PackDiff {
  return diffPacks(
    summarizePack(analyzePack(previous.context_pack, previous.memories_used, previous.chunks_used)),
    summarizePack(analyzePack(current.context_pack, current.memories_used, current.chunks_used)),
  );
}

export function isUnchangedPack(diff: PackDiff): boolean {
  return diff.items.length === 0;
}
