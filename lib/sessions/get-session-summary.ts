import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Cursor } from "@/lib/interactions/cursor";
import { createdAtMs } from "@/lib/interactions/row";
import type { SessionSummary } from "@/lib/sessions/schema";
import { sessionListSql } from "@/lib/db/sql/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";

/** A session's summary and the keyset position of its last turn; NotFoundError when it has no interactions. */
export async function getSessionSummaryAndEnd(sessionId: string): Promise<{ summary: SessionSummary; end: Cursor }> {
  const [row] = sessionId ? await database().reads.rows<SessionRow>(sessionListSql({ session_id: sessionId, limit: 1 })) : [];
  if (!row) throw new NotFoundError(`No interactions in session ${sessionId}`);
  return { summary: toSessionSummary(row), end: { createdAt: createdAtMs(row.last_at), seq: Number(row.last_seq) } };
}

/** A session's summary (turns, projects, clients, span); NotFoundError when it has no interactions. */
export async function getSessionSummary(sessionId: string): Promise<SessionSummary> {
  return (await getSessionSummaryAndEnd(sessionId)).summary;
}
