import { getSessionSummary } from "@/lib/sessions/get-session-summary";
import type { SessionTurnsWindow, SessionTurnsWindowQuery, SessionTurnView } from "@/lib/sessions/schema";
import { sessionTurnViews } from "@/lib/sessions/session-turn-views";

/**
 * A window of a session's turns (`limit` from turn `from`), each with its pack's counts and
 * its pack diff with the turn before, but not the pack itself: the transcript's unit of
 * loading, whatever the session's length.
 */
export async function getSessionTurns(sessionId: string, { from, limit }: SessionTurnsWindowQuery): Promise<SessionTurnsWindow> {
  const session = await getSessionSummary(sessionId);
  const turns: SessionTurnView[] = [];
  if (from <= session.turns) {
    for await (const turn of sessionTurnViews(sessionId, from)) {
      turns.push(turn);
      if (turns.length === limit) break;
    }
  }
  const end = from + turns.length;
  return { session, turns, next_from: turns.length > 0 && end <= session.turns ? end : null };
}
