// Finds what a context pack says about one memory or chunk: the object whose `id`,
// `memory_id` or `chunk_id` is that id, and its text. Walks without recursion (packs may
// be deep) and stops at the first match.
const ID_KEYS = ["id", "memory_id", "chunk_id"] as const;
const TEXT_KEYS = ["text", "content", "body", "summary", "snippet", "title"] as const;
const MAX_TEXT_CHARS = 500;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An item's own text: its first non-empty text-like field, else the item as JSON. */
export function fullTextOf(item: Record<string, unknown>): string {
  const key = TEXT_KEYS.find((k) => typeof item[k] === "string" && item[k] !== "");
  return key ? (item[key] as string) : JSON.stringify(item);
}

function textOf(item: Record<string, unknown>): string {
  const text = fullTextOf(item);
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text;
}

/** Every object in the pack that carries an id, as id -> the object (first occurrence wins). */
export function packItems(pack: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const stack: unknown[] = [pack];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    if (!isObject(value)) continue;
    for (const key of ID_KEYS) {
      const id = value[key];
      if ((typeof id === "string" || typeof id === "number") && !found.has(String(id))) found.set(String(id), value);
    }
    for (const child of Object.values(value).reverse()) stack.push(child);
  }
  return found;
}

/** Every item in the pack that carries an id, as id -> text (first occurrence wins). */
export function packItemTexts(pack: Record<string, unknown>): Map<string, string> {
  return new Map([...packItems(pack)].map(([id, item]) => [id, textOf(item)]));
}
