import { sqlDialect } from "@/lib/db/dialect";
import { readRows } from "@/lib/db/reader";
import { encodeCursor } from "@/lib/interactions/cursor";
import { countSql, pageRowsSql, upTo } from "@/lib/interactions/filter-sql";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { SessionDetail, SessionTurnsQuery } from "@/lib/sessions/schema";
import { getSessionSummary } from "@/lib/sessions/get-session-summary";

/**
 * A session's summary and one page of its turns, oldest first. Every read is a range of
 * interactions (session_id, created_at, seq): other sessions are never touched.
 */
export async function getSession(sessionId: string, q: SessionTurnsQuery): Promise<SessionDetail> {
  const summary = await getSessionSummary(sessionId);
  const session = { session_id: sessionId };
  const [rows, [{ n: before }]] = await Promise.all([
    q.limit > 0 ? readRows<InteractionRow>(pageRowsSql(session, { newer: q.cursor }, q.limit + 1, sqlDialect(), "oldest")) : [],
    // The turn number of the page's first row: how many turns come up to the cursor.
    q.cursor ? readRows<{ n: number }>(countSql(session, upTo(q.cursor))) : [{ n: 0 }],
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    session: summary,
    turns: page.map((row, i) => ({ ...toInteractionRecord(row), turn: before + i + 1 })),
    next_cursor: rows.length > q.limit && last ? encodeCursor({ createdAt: createdAtMs(last.created_at), seq: Number(last.seq) }) : null,
  };
}
