import { findFacets } from "@/lib/interactions/find-facets";
import type { ListQuery } from "@/lib/interactions/schema";
import { findSessionPage } from "@/lib/sessions/find-sessions";
import { relativeTime } from "@/lib/format-time";

/** One page of sessions for the table ("last active" relative to the request) and the filter facets. */
export async function loadSessions(query: ListQuery) {
  const [page, facets] = await Promise.all([findSessionPage(query), findFacets()]);
  const now = Date.now();
  const rows = page.sessions.map((s) => ({ ...s, last_ago: relativeTime(Date.parse(s.last_at), now) }));
  return { rows, page, facets };
}
