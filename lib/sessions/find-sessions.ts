import { prisma } from "@/lib/db/prisma";
import { createdAtMs } from "@/lib/interactions/row";
import { encodeCursor } from "@/lib/interactions/cursor";
import type { ListQuery } from "@/lib/interactions/schema";
import type { SessionList } from "@/lib/sessions/schema";
import { sessionListSql } from "@/lib/sessions/session-list-sql";
import { toSessionSummary, type SessionRow } from "@/lib/sessions/session-row";

/** One page of sessions, most recently active first, with the cursor of the next page if any. */
export async function findSessions(q: ListQuery): Promise<SessionList> {
  if (q.limit <= 0) return { sessions: [], next_cursor: null };
  // One extra row tells whether another page exists without a count.
  const rows = await prisma().$queryRaw<SessionRow[]>(sessionListSql(q));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    sessions: page.map(toSessionSummary),
    next_cursor:
      rows.length > q.limit && last
        ? encodeCursor({ createdAt: createdAtMs(last.last_at), seq: Number(last.last_seq) })
        : null,
  };
}
