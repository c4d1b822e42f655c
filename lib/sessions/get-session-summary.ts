import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { SessionSummary } from "@/lib/sessions/schema";
import { sessionListSql } from "@/lib/db/sql/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";

/** A session's summary (turns, projects, clients, span); NotFoundError when it has no interactions. */
export async function getSessionSummary(sessionId: string): Promise<SessionSummary> {
  const [summary] = sessionId ? await database().reads.rows<SessionRow>(sessionListSql({ session_id: sessionId, limit: 1 })) : [];
  if (!summary) throw new NotFoundError(`No interactions in session ${sessionId}`);
  return toSessionSummary(summary);
}
