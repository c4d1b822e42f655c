import { readRows } from "@/lib/db/reader";
import { encodeCursor } from "@/lib/interactions/cursor";
import { createdAtMs } from "@/lib/interactions/row";
import type { ListQuery } from "@/lib/interactions/schema";
import type { SessionList } from "@/lib/sessions/schema";
import { sessionListSql } from "@/lib/sessions/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";

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
  // One extra row tells whether another page exists without a count.
  const rows = await readRows<SessionRow>(sessionListSql(q));
  if (q.after && !q.cursor) {
    if (rows.length < q.limit) return findSessionPage({ ...q, after: undefined });
    const page = rows.slice(0, q.limit).reverse();
    return {
      sessions: page.map(toSessionSummary),
      next_cursor: cursorOf(page.at(-1)!),
      newer_cursor: rows.length > q.limit ? cursorOf(page[0]) : null,
    };
  }
  const page = rows.slice(0, q.limit);
  return {
    sessions: page.map(toSessionSummary),
    next_cursor: rows.length > q.limit ? cursorOf(page.at(-1)!) : null,
    // Only a page reached through a cursor can have newer sessions before it.
    newer_cursor: q.cursor && page.length > 0 ? cursorOf(page[0]) : null,
  };
}

/** The API's page: most recently active first, with the cursor of the next (older) page if any. */
export async function findSessions(q: ListQuery): Promise<SessionList> {
  const { sessions, next_cursor } = await findSessionPage(q);
  return { sessions, next_cursor };
}
