import { analyzePack } from "@/lib/context-pack/analyze-pack";

// What a context pack says about the memories and chunks a turn used, as short text for
// the transcript's context changes. Items are found by the viewer's pack analysis (the
// same used/offered matching as the detail page); this only picks their text.
const TEXT_KEYS = ["text", "content", "body", "summary", "snippet", "title"] as const;
const MAX_TEXT_CHARS = 500;

/** An item's own text: its first non-empty text-like field, else the item as JSON. */
export function fullItemText(item: Record<string, unknown>): string {
  const key = TEXT_KEYS.find((k) => typeof item[k] === "string" && item[k] !== "");
  return key ? (item[key] as string) : JSON.stringify(item);
}

function itemText(item: Record<string, unknown>): string {
  const text = fullItemText(item);
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text;
}

/** The text of each item in the pack, by the id that matched the used lists (else its first id). */
export function packItemTexts(
  pack: Record<string, unknown>,
  memoriesUsed: readonly string[],
  chunksUsed: readonly string[],
): Map<string, string> {
  const texts = new Map<string, string>();
  for (const item of analyzePack(pack, memoriesUsed, chunksUsed).items) {
    if (!texts.has(item.id)) texts.set(item.id, itemText(item.value));
  }
  return texts;
}
