import { listHrefFor } from "@/components/list-href";
import { parseListQueryLenient, searchParamsToObject, type ListUrl, type SearchParamsInput } from "@/lib/interactions/schema";
import { SessionSortSchema, type SessionSort } from "@/lib/sessions/schema";

// The /sessions URL: the interactions list's filters and paging (a session is listed when one
// of its interactions matches; the Session filter matches id prefixes), read by the same
// lenient parser, its order (sort, order), and its links.

export type SessionsUrl = ListUrl & { sort: SessionSort };

export function readSessionsUrl(input: SearchParamsInput): SessionsUrl {
  const raw = searchParamsToObject(input);
  const sorted = SessionSortSchema.safeParse(raw);
  if (sorted.success) return { ...parseListQueryLenient(raw), sort: sorted.data };
  // A parameter of the order that does not parse is dropped and named, as the filters' are.
  const bad = new Set(sorted.error.issues.map((i) => String(i.path[0] ?? "")));
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  const url = parseListQueryLenient(kept);
  return {
    ...url,
    issues: [...sorted.error.issues.map((i) => ({ param: String(i.path[0] ?? ""), message: i.message })), ...url.issues],
    sort: SessionSortSchema.parse(kept),
  };
}

export const sessionsHref = listHrefFor("/sessions");

/** A session's transcript page. */
export function sessionHref(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}
