import type { ReviewRow } from "@/lib/db/contract/reviews";
import type { ReviewRecord, Verdict } from "@/lib/reviews/schema";

/** A stored review as the API answers it. */
export function toReviewRecord(row: ReviewRow): ReviewRecord {
  return {
    id: row.id,
    target: row.interaction_id !== null ? { interaction_id: row.interaction_id, pointer: row.pointer } : { session_id: row.session_id ?? "" },
    verdict: row.verdict as Verdict | null,
    retract: Boolean(row.retract),
    labels: JSON.parse(row.labels) as string[],
    note: row.note,
    author: row.author,
    created_at: new Date(Number(row.created_at)).toISOString(),
    supersedes: row.supersedes,
    superseded_by: row.superseded_by,
  };
}
