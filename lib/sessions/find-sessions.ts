import { database } from "@/lib/db";
import { encodeCursor, keysetPage } from "@/lib/interactions/cursor";
import { createdAtMs } from "@/lib/interactions/row";
import type { ListQuery } from "@/lib/interactions/schema";
import type { SessionList, SessionSort } from "@/lib/sessions/schema";
import { DEFAULT_SESSION_SORT, sessionCountSql, sessionListSql, type SessionListQuery } from "@/lib/db/sql/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";
import { withVerdicts } from "@/lib/reviews/with-verdicts";

export type SessionPage = SessionList & {
  /** The `after` cursor of the page before this one, or null when this page is the first. */
  newer_cursor: string | null;
};

/** A page's cursor: the row's sort key and last_seq, in the cursor's (number, seq) shape. */
function cursorOf(sort: SessionSort["sort"]) {
  return (row: SessionRow) => {
    const key =
      sort === "turns" ? Number(row.turns) : sort === "span" ? createdAtMs(row.last_at) - createdAtMs(row.first_at) : createdAtMs(row.last_at);
    return encodeCursor({ createdAt: key, seq: Number(row.last_seq) });
  };
}

/** How many sessions match the filters: exact, or scaled from a sample when that needs a per-session check of many sessions. */
export async function countSessions(q: SessionListQuery): Promise<SessionList["total"]> {
  const { candidates, sample } = sessionCountSql(q);
  const [{ n }] = await database().reads.rows<{ n: number }>(candidates);
  if (!sample) return { count: Number(n), estimated: false };
  const [{ sampled, matched }] = await database().reads.rows<{ sampled: number; matched: number }>(sample);
  if (Number(sampled) >= Number(n)) return { count: Number(matched), estimated: false };
  return { count: Math.round((Number(matched) / Number(sampled)) * Number(n)), estimated: true };
}

/**
 * One page of sessions in the chosen order (most recently active first by default), with the
 * cursors of the next and the previous page (the same paging as the interactions list): `after`
 * reads back towards the start and turns the page round; with fewer than a page before it, the
 * first page is served. The Session filter (`session_id`) matches ids by prefix here.
 */
export async function findSessionPage(query: ListQuery, sort: SessionSort = DEFAULT_SESSION_SORT): Promise<SessionPage> {
  const { session_id, ...rest } = query;
  const q: SessionListQuery = { ...rest, session_prefix: session_id };
  const total = await countSessions(q);
  if (q.limit <= 0) return { sessions: [], next_cursor: null, newer_cursor: null, total };
  const rows = await database().reads.rows<SessionRow>(sessionListSql(q, undefined, sort));
  const newer = !!q.after && !q.cursor;
  if (newer && rows.length < q.limit) return findSessionPage({ ...query, after: undefined }, sort);
  const read = newer ? ({ newer: true } as const) : ({ newer: false, throughCursor: !!q.cursor } as const);
  const { page, ...cursors } = keysetPage(rows, q.limit, read, cursorOf(sort.sort));
  return { sessions: await withVerdicts("session", page.map(toSessionSummary), (s) => s.session_id), ...cursors, total };
}

/** The API's page, with the cursor of the next page if any and the match count. */
export async function findSessions(q: ListQuery, sort: SessionSort = DEFAULT_SESSION_SORT): Promise<SessionList> {
  const { sessions, next_cursor, total } = await findSessionPage(q, sort);
  return { sessions, next_cursor, total };
}
