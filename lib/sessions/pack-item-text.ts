// An item's text as the transcript and the usage pages show it. Items are found by the
// viewer's pack analysis (lib/context-pack/analyze-pack.ts); this only picks their text.
const TEXT_KEYS = ["text", "content", "body", "summary", "snippet", "title"] as const;

/** An item's own text: its first non-empty text-like field, else the item as JSON. */
export function fullItemText(item: Record<string, unknown>): string {
  const key = TEXT_KEYS.find((k) => typeof item[k] === "string" && item[k] !== "");
  return key ? (item[key] as string) : JSON.stringify(item);
}
