import { absoluteLabel, firstLine, relativeTime, timeStyleFor, utcLabel } from "@/lib/format-time";
import type { InteractionPreview } from "@/lib/interactions/list-previews";
import type { Verdict } from "@/lib/reviews/verdicts";

/** What a table row needs: previews only, so a page of rows stays small on the wire. */
export type InteractionRowView = {
  id: string;
  created_at: string;
  age: string;
  /** The absolute UTC label ("Nov 25 14:03:07"). */
  at: string;
  /** The exact instant, for the hover. */
  utc: string;
  /** What this page shows unless the reader chose otherwise (components/list-time.tsx). */
  time_auto: "relative" | "absolute";
  project: string;
  client: string;
  session_id: string;
  prompt: string;
  answer: string;
  answer_kind: "response" | "summary" | "none";
  memories: number;
  chunks: number;
  /** The current review verdict, null when unreviewed. */
  review: Verdict | null;
  /** The list's search (q), to highlight its matches; carried to the detail page. */
  search: string;
  href: string;
};

/** A page's rows, with the time style that tells them apart. */
export function toRowViews(records: InteractionPreview[], now: number, search = ""): InteractionRowView[] {
  const time_auto = timeStyleFor(records.map((r) => Date.parse(r.created_at)), now);
  return records.map((r) => toRowView(r, now, search, time_auto));
}

function toRowView(r: InteractionPreview, now: number, search: string, time_auto: "relative" | "absolute"): InteractionRowView {
  const ms = Date.parse(r.created_at);
  const answer_kind = r.response.trim() ? "response" : r.response_summary.trim() ? "summary" : "none";
  return {
    id: r.id,
    created_at: r.created_at,
    age: relativeTime(ms, now),
    at: absoluteLabel(ms, now),
    utc: utcLabel(ms),
    time_auto,
    project: r.project,
    client: r.client,
    session_id: r.session_id,
    prompt: firstLine(r.prompt),
    answer: answer_kind === "response" ? firstLine(r.response) : answer_kind === "summary" ? firstLine(r.response_summary) : "",
    answer_kind,
    memories: r.memories_used.length,
    chunks: r.chunks_used.length,
    review: r.review,
    search,
    href: `/interactions/${encodeURIComponent(r.id)}${search ? `?q=${encodeURIComponent(search)}` : ""}`,
  };
}
