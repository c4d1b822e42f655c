import { listHrefFor } from "@/components/list-href";
import { parseListQueryLenient, type ListUrl, type SearchParamsInput } from "@/lib/interactions/schema";

// The /sessions URL: the interactions list's filters and paging (a session is listed when one
// of its interactions matches), read by the same lenient parser, and its links.

export function readSessionsUrl(input: SearchParamsInput): ListUrl {
  return parseListQueryLenient(input);
}

export const sessionsHref = listHrefFor("/sessions");

/** A session's transcript page. */
export function sessionHref(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}
