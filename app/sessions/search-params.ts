import { parseListQueryLenient, searchParamsToObject, type ListQuery, type ListQueryIssue, type SearchParamsInput } from "@/lib/interactions/schema";

// The /sessions URL: the interactions list's filters (project, client, range, since, until,
// limit) and paging (cursor, after), read by the same lenient parser as /interactions.

export const FILTER_KEYS = ["q", "project", "client", "session_id", "range", "since", "until"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;
const PAGING_KEYS = ["cursor", "after"];

export type SessionsUrl = { params: Record<string, string>; query: ListQuery; issues: ListQueryIssue[] };

export function readSessionsUrl(input: SearchParamsInput): SessionsUrl {
  const raw = searchParamsToObject(input);
  const { query, issues } = parseListQueryLenient(raw);
  // Links are built from the params that parsed; a rejected one is not carried on.
  const params = Object.fromEntries(Object.entries(raw).filter(([k]) => !issues.some((i) => i.param === k)));
  return { params, query, issues };
}

/** The /sessions URL with some params changed ("" or undefined removes one); paging restarts unless named. */
export function sessionsHref(params: Record<string, string>, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (!PAGING_KEYS.includes(k) && !(k in changes) && v) next.set(k, v);
  for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
  const qs = next.toString();
  return qs ? `/sessions?${qs}` : "/sessions";
}
