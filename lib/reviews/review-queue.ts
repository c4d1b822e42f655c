import { sqlDialect } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { reviewProgressSql } from "@/lib/db/sql/review-read-sql";
import { pageRowsSql } from "@/lib/db/sql/filter-sql";
import type { InteractionRow } from "@/lib/interactions/row";
import type { ListQuery } from "@/lib/interactions/schema";
import { sessionListSql } from "@/lib/db/sql/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";
import type { SessionSummary } from "@/lib/sessions/schema";

export type QueueOrder = "oldest" | "newest";

/**
 * The review queue: unreviewed sessions (no current session verdict) under the list's filters,
 * by last activity, oldest or newest first. Oldest first reads the sessions list towards the
 * present from the epoch, in its own index order.
 */
export async function reviewQueue(q: ListQuery, order: QueueOrder): Promise<SessionSummary[]> {
  const query: ListQuery = { ...q, review: "unreviewed", cursor: undefined, after: order === "oldest" ? { createdAt: 0, seq: 0 } : undefined };
  const rows = await database().reads.rows<SessionRow>(sessionListSql(query));
  return rows.slice(0, q.limit).map(toSessionSummary);
}

/** How many sessions the filters (project, client, time) hold, and how many of them have a session verdict. */
export async function reviewProgress(q: ListQuery): Promise<{ reviewed: number; total: number }> {
  const [row] = await database().reads.rows<{ total: number | string; reviewed: number | string }>(reviewProgressSql(q, sqlDialect()));
  return { total: Number(row?.total ?? 0), reviewed: Number(row?.reviewed ?? 0) };
}

/** The session's first turn (in time) that nobody reviewed, or null when every turn has a verdict. */
export async function nextUnreviewedTurn(sessionId: string): Promise<{ id: string } | null> {
  const [row] = await database().reads.rows<InteractionRow>(pageRowsSql({ session_id: sessionId, review: "unreviewed" }, {}, 1, sqlDialect(), "oldest"));
  return row ? { id: row.id } : null;
}
