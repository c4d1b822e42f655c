import { MAX_LIST_LIMIT } from "@/lib/interactions/schema";
import { decodeCursor } from "@/lib/interactions/cursor";
import { getSession } from "@/lib/sessions/get-session";
import type { SessionSummary, SessionTurn } from "@/lib/sessions/schema";

/** The whole session, every turn oldest first, read page by page (for the transcript and exports). */
export async function getSessionTranscript(sessionId: string): Promise<{ session: SessionSummary; turns: SessionTurn[] }> {
  let page = await getSession(sessionId, { limit: MAX_LIST_LIMIT });
  const turns = [...page.turns];
  while (page.next_cursor) {
    page = await getSession(sessionId, { limit: MAX_LIST_LIMIT, cursor: decodeCursor(page.next_cursor) ?? undefined });
    turns.push(...page.turns);
  }
  return { session: page.session, turns };
}
