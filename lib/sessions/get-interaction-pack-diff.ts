import { loadPackIndex } from "@/lib/context-pack/load-pack-index";
import { getSessionPosition, type SessionPosition } from "@/lib/interactions/get-session-position";
import { diffPacksShown } from "@/lib/sessions/pack-diff";
import type { InteractionPackDiff } from "@/lib/sessions/schema";

/**
 * An interaction's pack compared with the previous turn's of its session; NotFoundError for an
 * unknown id. Both packs come from the pack index cache the detail page reads anyway, so a
 * multi-MB pack is not read and parsed again for its diff.
 */
export async function getInteractionPackDiff(id: string): Promise<InteractionPackDiff> {
  const { changes: _changes, ...diff } = await getInteractionPackDiffShown(id, Infinity);
  return diff;
}

/**
 * The same with the diff's first `shown` items only, and how many it has in all; `known` is the
 * interaction's session position when the caller has read it already (the detail page).
 */
export async function getInteractionPackDiffShown(
  id: string,
  shown: number,
  known?: SessionPosition | null,
): Promise<InteractionPackDiff & { changes: number }> {
  const position = known === undefined ? await getSessionPosition(id) : known;
  const base = { interaction_id: id, session_id: position?.session_id ?? null, turn: position?.turn ?? null };
  if (!position?.previous_id) return { ...base, previous_turn: null, previous_id: null, pack_diff: null, changes: 0 };
  const [previous, current] = await Promise.all([loadPackIndex(position.previous_id), loadPackIndex(id)]);
  const { diff, changes } = diffPacksShown(previous.diffSummary, current.diffSummary, shown);
  return { ...base, previous_turn: position.turn - 1, previous_id: position.previous_id, pack_diff: diff, changes };
}
