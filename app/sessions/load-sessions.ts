import type { ListQuery } from "@/lib/interactions/schema";
import { findSessions } from "@/lib/sessions/find-sessions";
import { formatDuration } from "@/lib/sessions/format-duration";

/** One page of sessions for the table, with "last active" made relative to the time of the request. */
export async function loadSessions(query: ListQuery) {
  const { sessions, next_cursor } = await findSessions(query);
  const now = Date.now();
  const rows = sessions.map((s) => ({ ...s, last_ago: `${formatDuration(now - Date.parse(s.last_at))} ago` }));
  return { rows, next_cursor, now };
}
