import { getInteraction } from "@/lib/interactions/get-interaction";
import { getSessionPosition } from "@/lib/interactions/get-session-position";
import { packDiff } from "@/lib/sessions/pack-diff";
import type { InteractionPackDiff } from "@/lib/sessions/schema";

/** An interaction's pack compared with the previous turn's of its session; NotFoundError for an unknown id. */
export async function getInteractionPackDiff(id: string): Promise<InteractionPackDiff> {
  const position = await getSessionPosition(id);
  const base = { interaction_id: id, session_id: position?.session_id ?? null, turn: position?.turn ?? null };
  if (!position?.previous_id) return { ...base, previous_turn: null, previous_id: null, pack_diff: null };
  const [previous, current] = await Promise.all([getInteraction(position.previous_id), getInteraction(id)]);
  return { ...base, previous_turn: position.turn - 1, previous_id: previous.id, pack_diff: packDiff(previous, current) };
}
