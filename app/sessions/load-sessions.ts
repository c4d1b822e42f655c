import { findFilteredFacets } from "@/lib/interactions/find-filtered-facets";
import type { ListQuery } from "@/lib/interactions/schema";
import { findSessionPage } from "@/lib/sessions/find-sessions";
import type { SessionSort } from "@/lib/sessions/schema";
import { absoluteLabel, relativeTime, timeStyleFor, utcLabel } from "@/lib/format-time";

/** One page of sessions for the table ("last active" relative to the request, or absolute where that tells rows apart) and the filter facets. */
export async function loadSessions(query: ListQuery, sort: SessionSort) {
  // The menus count interactions by exact filter values: the Session filter, a prefix here, is left out of them.
  const [page, facets] = await Promise.all([findSessionPage(query, sort), findFilteredFacets({ ...query, session_id: undefined })]);
  const now = Date.now();
  const time_auto = timeStyleFor(page.sessions.map((s) => Date.parse(s.last_at)), now);
  const rows = page.sessions.map((s) => {
    const last = Date.parse(s.last_at);
    return { ...s, last_ago: relativeTime(last, now), last_abs: absoluteLabel(last, now), last_utc: utcLabel(last), time_auto };
  });
  return { rows, page, facets };
}
