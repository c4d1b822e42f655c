import { firstLine, relativeTime, utcLabel } from "@/lib/format-time";
import type { InteractionRecord } from "@/lib/interactions/schema";

/** What a table row needs: previews only, so a page of rows stays small on the wire. */
export type InteractionRowView = {
  id: string;
  age: string;
  utc: string;
  project: string;
  client: string;
  session_id: string;
  prompt: string;
  answer: string;
  answer_kind: "response" | "summary" | "none";
  memories: number;
  chunks: number;
  /** The list's search (q), to highlight its matches; carried to the detail page. */
  search: string;
  href: string;
};

export function toRowView(r: InteractionRecord, now: number, search = ""): InteractionRowView {
  const ms = Date.parse(r.created_at);
  const answer_kind = r.response.trim() ? "response" : r.response_summary.trim() ? "summary" : "none";
  return {
    id: r.id,
    age: relativeTime(ms, now),
    utc: utcLabel(ms),
    project: r.project,
    client: r.client,
    session_id: r.session_id,
    prompt: firstLine(r.prompt),
    answer: answer_kind === "response" ? firstLine(r.response) : answer_kind === "summary" ? firstLine(r.response_summary) : "",
    answer_kind,
    memories: r.memories_used.length,
    chunks: r.chunks_used.length,
    search,
    href: `/interactions/${encodeURIComponent(r.id)}${search ? `?q=${encodeURIComponent(search)}` : ""}`,
  };
}
