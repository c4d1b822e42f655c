import { readRows } from "@/lib/db/reader";
import { encodeCursor, keysetPage } from "@/lib/interactions/cursor";
import { createdAtMs } from "@/lib/interactions/row";
import type { ListQuery } from "@/lib/interactions/schema";
import type { SessionList } from "@/lib/sessions/schema";
import { sessionListSql } from "@/lib/sessions/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";
import { withVerdicts } from "@/lib/reviews/with-verdicts";

export type SessionPage = SessionList & {
  /** The `after` cursor of the page before this one, or null when this page is the newest. */
  newer_cursor: string | null;
};

const cursorOf = (row: SessionRow) => encodeCursor({ createdAt: createdAtMs(row.last_at), seq: Number(row.last_seq) });

/**
 * One page of sessions, most recently active first, with the cursors of the older and newer
 * pages (the same paging as the interactions list): `after` reads towards the present and
 * turns the page round; with fewer than a page of newer sessions, the newest page is served.
 */
export async function findSessionPage(q: ListQuery): Promise<SessionPage> {
  if (q.limit <= 0) return { sessions: [], next_cursor: null, newer_cursor: null };
  const rows = await readRows<SessionRow>(sessionListSql(q));
  const newer = !!q.after && !q.cursor;
  if (newer && rows.length < q.limit) return findSessionPage({ ...q, after: undefined });
  const read = newer ? ({ newer: true } as const) : ({ newer: false, throughCursor: !!q.cursor } as const);
  const { page, ...cursors } = keysetPage(rows, q.limit, read, cursorOf);
  return { sessions: await withVerdicts("session", page.map(toSessionSummary), (s) => s.session_id), ...cursors };
}

/** The API's page: most recently active first, with the cursor of the next (older) page if any. */
export async function findSessions(q: ListQuery): Promise<SessionList> {
  const { sessions, next_cursor } = await findSessionPage(q);
  return { sessions, next_cursor };
}
