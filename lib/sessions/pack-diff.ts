import { createHash } from "node:crypto";
import type { ItemKind, PackAnalysis, PackMark } from "@/lib/context-pack/analyze-pack";
import { cutText } from "@/lib/sessions/cut-text";
import { fullItemText } from "@/lib/sessions/pack-item-text";
import type { PackDiff, PackDiffItem } from "@/lib/sessions/schema";

// What changed in the context pack from one turn to the next: the items (memories, chunks,
// any object with an id) that entered, that left, whose text changed, and whose used /
// offered mark changed. Items are matched by kind and id, the way analyzePack finds them;
// an id repeated inside one pack counts once, at its first place.

/** How much of an item's text a diff carries: enough to recognise it, never a whole document. */
export const DIFF_TEXT_CHARS = 200;

// An item's text is kept as the preview a diff shows and a digest that tells whether it
// changed: in a summary that is cached (the detail page keeps the summaries of large packs,
// lib/context-pack/load-pack-index.ts), an MD5 of it, so that the summary stays small beside its
// pack; in one dropped after the next turn's comparison (a transcript, an export), the text
// itself, so that walking a session hashes nothing (50 MD5s a turn were a third of the walk).
type SummaryItem = { kind: ItemKind; id: string; mark: PackMark; preview: string; digest: string };

/** A pack reduced to what a diff compares, in document order; the pack itself can be dropped. */
export type PackSummary = Map<string, SummaryItem>;

const keyOf = (kind: ItemKind, id: string) => `${kind}\u0000${id}`;
const preview = (text: string) => cutText(text, DIFF_TEXT_CHARS);
// A short text is its own digest; a longer one's MD5 only tells two texts apart, which it does.
const digestOf = (text: string) => (text.length <= 32 ? `=${text}` : createHash("md5").update(text).digest("base64"));

/**
 * The summary of a pack: `digests` "md5" for one that is kept, "text" for one compared once and
 * dropped. Two summaries are compared only when made the same way.
 */
export function summarizePack(analysis: PackAnalysis, digests: "md5" | "text"): PackSummary {
  const summary: PackSummary = new Map();
  for (const item of analysis.items) {
    const key = keyOf(item.kind, item.id);
    if (summary.has(key)) continue;
    const text = fullItemText(item.value);
    summary.set(key, { kind: item.kind, id: item.id, mark: item.mark, preview: preview(text), digest: digests === "md5" ? digestOf(text) : text });
  }
  return summary;
}

/** About how much heap a summary holds, for a cache's budget. */
export function summaryHeapBytes(summary: PackSummary): number {
  let chars = 0;
  for (const [key, item] of summary) chars += 2 * key.length + item.preview.length + item.digest.length;
  return 2 * chars + 100 * summary.size;
}

/** The change from `previous` to `current`: what entered (this pack's order), what left (the previous pack's order), then what changed. */
export function diffPacks(previous: PackSummary, current: PackSummary): PackDiff {
  return diffPacksShown(previous, current, Infinity).diff;
}

/**
 * The same with only its first `shown` items (its counts whole), and how many items the whole
 * diff has: a page that shows 100 entries of a 3,000-item pack's diff builds 100, not 3,000.
 */
export function diffPacksShown(previous: PackSummary, current: PackSummary, shown: number): { diff: PackDiff; changes: number } {
  const entered: PackDiffItem[] = [];
  const changed: PackDiffItem[] = [];
  const left: PackDiffItem[] = [];
  const counts = { entered: 0, left: 0, text_changed: 0, mark_changed: 0, unchanged: 0 };
  let changes = 0;
  for (const [key, item] of current) {
    const before = previous.get(key);
    if (!before) {
      counts.entered++;
      if (entered.length < shown) {
        entered.push({ kind: item.kind, id: item.id, mark: item.mark, text: item.preview, change: "entered", text_changed: false, mark_changed: false, previous_mark: null, previous_text: null });
      }
      continue;
    }
    const textChanged = before.digest !== item.digest;
    const markChanged = before.mark !== item.mark;
    if (!textChanged && !markChanged) {
      counts.unchanged++;
      continue;
    }
    changes++;
    if (textChanged) counts.text_changed++;
    if (markChanged) counts.mark_changed++;
    if (changed.length < shown) {
      changed.push({
        kind: item.kind,
        id: item.id,
        mark: item.mark,
        text: item.preview,
        change: "changed",
        text_changed: textChanged,
        mark_changed: markChanged,
        previous_mark: before.mark,
        previous_text: textChanged ? before.preview : null,
      });
    }
  }
  for (const [key, item] of previous) {
    if (current.has(key)) continue;
    counts.left++;
    if (left.length >= shown) continue;
    left.push({
      kind: item.kind,
      id: item.id,
      change: "left",
      text_changed: false,
      mark_changed: false,
      mark: item.mark,
      previous_mark: item.mark,
      text: item.preview,
      previous_text: null,
    });
  }
  const items = [...entered, ...left, ...changed];
  return { diff: { counts, items: items.length > shown ? items.slice(0, shown) : items }, changes: counts.entered + counts.left + changes };
}

export function isUnchangedPack(diff: PackDiff): boolean {
  return diff.items.length === 0;
}
