import type { InteractionRecord } from "@/lib/interactions/schema";
import { packItemTexts } from "@/lib/sessions/pack-item-text";

export type ChangedItem = { id: string; text?: string };
export type SetChange = { entered: ChangedItem[]; left: ChangedItem[] };
/** What entered and left the memories and chunks used, compared with the previous turn. */
export type ContextChange = { memories: SetChange; chunks: SetChange };

type Turn = Pick<InteractionRecord, "memories_used" | "chunks_used" | "context_pack">;

function difference(a: string[], b: string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((id) => !other.has(id));
}

/**
 * The change of context for each turn after the first (null for the first). An entering
 * item's text comes from this turn's pack, a leaving item's from the previous turn's.
 */
export function contextChanges(turns: Turn[]): (ContextChange | null)[] {
  const texts = turns.map((t) => packItemTexts(t.context_pack, t.memories_used, t.chunks_used));
  const items = (ids: string[], from: Map<string, string>): ChangedItem[] =>
    ids.map((id) => (from.has(id) ? { id, text: from.get(id) } : { id }));
  return turns.map((turn, i) => {
    if (i === 0) return null;
    const prev = turns[i - 1];
    const change = (key: "memories_used" | "chunks_used"): SetChange => ({
      entered: items(difference(turn[key], prev[key]), texts[i]),
      left: items(difference(prev[key], turn[key]), texts[i - 1]),
    });
    return { memories: change("memories_used"), chunks: change("chunks_used") };
  });
}

export function isUnchanged(c: ContextChange): boolean {
  return [c.memories, c.chunks].every((s) => s.entered.length === 0 && s.left.length === 0);
}
