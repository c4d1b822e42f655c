import { listHrefFor } from "@/components/list-url";

// The /sessions URL: the interactions list's filters and paging (components/list-url.ts),
// read by the same lenient parser as /interactions.
export const sessionsHref = listHrefFor("/sessions");

/** A session's transcript page. */
export function sessionHref(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}
