import { sqlDialect } from "@/lib/db/dialect";
import { readRows } from "@/lib/db/reader";
import { NotFoundError } from "@/lib/errors";
import { encodeCursor } from "@/lib/interactions/cursor";
import { countSql, pageRowsSql, upTo } from "@/lib/interactions/filter-sql";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { SessionDetail, SessionTurnsQuery } from "@/lib/sessions/schema";
import { sessionListSql } from "@/lib/sessions/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";

/**
 * A session's summary and one page of its turns, oldest first. Every read is a range of
 * interactions (session_id, created_at, seq): other sessions are never touched.
 */
export async function getSession(sessionId: string, q: SessionTurnsQuery): Promise<SessionDetail> {
  const [summary] = sessionId
    ? await readRows<SessionRow>(sessionListSql({ session_id: sessionId, limit: 1 }))
    : [];
  if (!summary) throw new NotFoundError(`No interactions in session ${sessionId}`);

  const session = { session_id: sessionId };
  const [rows, [{ n: before }]] = await Promise.all([
    q.limit > 0 ? readRows<InteractionRow>(pageRowsSql(session, { newer: q.cursor }, q.limit + 1, sqlDialect(), "oldest")) : [],
    // The turn number of the page's first row: how many turns come up to the cursor.
    q.cursor ? readRows<{ n: number }>(countSql(session, upTo(q.cursor))) : [{ n: 0 }],
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    session: toSessionSummary(summary),
    turns: page.map((row, i) => ({ ...toInteractionRecord(row), turn: before + i + 1 })),
    next_cursor: rows.length > q.limit && last ? encodeCursor({ createdAt: createdAtMs(last.created_at), seq: Number(last.seq) }) : null,
  };
}
