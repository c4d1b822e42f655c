import type { ChainedReview } from "@/lib/audit/canonical-content";
import type { Cursor } from "@/lib/interactions/cursor";
import type { ReviewFilters } from "@/lib/reviews/schema";
import type { Verdict } from "@/lib/reviews/verdicts";

// What reviews need from a database (lib/db/sqlite/reviews.ts, lib/db/postgres/reviews.ts).

/** A reviews row as read back: the chained columns plus its order key and the review that superseded it. */
export type ReviewRow = ChainedReview & { seq: number; superseded_by: string | null };

/** A review to store; created_at is the database's clock at insert. */
export type NewReview = Omit<ChainedReview, "created_at" | "retract"> & { retract: boolean };

export type AppendOutcome = { status: "created" | "duplicate"; review: ReviewRow };

/** Which reviews a list reads. */
export type ReviewSelection =
  | { interaction_id: string }
  | { session_id: string }
  /** A session's own reviews and those of its turns (the audit packet). */
  | { session_and_turns: string }
  | { filters: ReviewFilters };

/** A review with the audit-chain link that covers it. */
export type ReviewWithLink = ReviewRow & { link: { seq: number; content_hash: string; prev_hash: string; hash: string } | null };

export interface ReviewStore {
  /**
   * In one write transaction: answers a stored review with the same id (duplicate) or refuses
   * a different one with that id (conflict); checks what it supersedes; inserts the row,
   * rewrites the target's current verdict and appends its `review` link.
   */
  appendReview(review: NewReview): Promise<AppendOutcome>;
  /** Up to `limit` + 1 rows, newest first, strictly older than `cursor`. */
  listReviews(selection: ReviewSelection, limit: number, cursor?: Cursor): Promise<ReviewRow[]>;
  /** Up to `limit` rows in chain order (seq) after `afterSeq`, each with its chain link. */
  listReviewsWithLinks(selection: ReviewSelection, afterSeq: number, limit: number): Promise<ReviewWithLink[]>;
  /** The current verdicts of these interactions or sessions (a list page's rows), by id. */
  currentVerdicts(kind: "interaction" | "session", ids: readonly string[]): Promise<Map<string, Verdict>>;
}
