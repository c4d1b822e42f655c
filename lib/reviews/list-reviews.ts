import type { ReviewSelection, ReviewWithLink } from "@/lib/db/contract/reviews";
import { database } from "@/lib/db";
import { encodeCursor, type Cursor } from "@/lib/interactions/cursor";
import { requireInteractionId } from "@/lib/interactions/require-interaction-id";
import { getSessionSummary } from "@/lib/sessions/get-session-summary";
import { toReviewRecord } from "@/lib/reviews/review-record";
import type { ReviewListQuery, ReviewPage } from "@/lib/reviews/schema";

async function page(selection: ReviewSelection, limit: number, cursor?: Cursor): Promise<ReviewPage> {
  const rows = await database().reviews.listReviews(selection, limit, cursor);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    reviews: shown.map(toReviewRecord),
    next_cursor: rows.length > limit && last ? encodeCursor({ createdAt: Number(last.created_at), seq: Number(last.seq) }) : null,
  };
}

/** An interaction's reviews (of the turn and of its pack items), newest first; 404 for an unknown interaction. */
export async function listInteractionReviews(interactionId: string, q: { limit: number; cursor?: Cursor }): Promise<ReviewPage> {
  return page({ interaction_id: await requireInteractionId(interactionId) }, q.limit, q.cursor);
}

/** A session's own reviews (not its turns'), newest first; 404 for an unknown session. */
export async function listSessionReviews(sessionId: string, q: { limit: number; cursor?: Cursor }): Promise<ReviewPage> {
  await getSessionSummary(sessionId);
  return page({ session_id: sessionId }, q.limit, q.cursor);
}

/** Reviews of everything, filtered (GET /api/reviews). */
export function listAllReviews({ limit, cursor, ...filters }: ReviewListQuery): Promise<ReviewPage> {
  return page({ filters }, limit, cursor);
}

/**
 * Every review of a session and of its turns, in chain order, each with the audit-chain link
 * that covers it: `batch` at a time, so a long session's reviews never sit in memory at once
 * (the audit packet).
 */
export async function* sessionReviewsWithLinks(sessionId: string, batch = 200): AsyncGenerator<ReviewWithLink[]> {
  for (let after = 0; ; ) {
    const rows = await database().reviews.listReviewsWithLinks({ session_and_turns: sessionId }, after, batch);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows.at(-1)!.seq;
  }
}
