import { randomUUID } from "node:crypto";
import { pointerTokens } from "@/lib/context-pack/json-pointer";
import { database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { getInteraction } from "@/lib/interactions/get-interaction";
import { requireInteractionId } from "@/lib/interactions/require-interaction-id";
import { log } from "@/lib/log";
import { getSessionSummary } from "@/lib/sessions/get-session-summary";
import { toReviewRecord } from "@/lib/reviews/review-record";
import type { ReviewBody, ReviewRecord } from "@/lib/reviews/schema";

export type ReviewTargetRef = { interaction_id: string } | { session_id: string };
export type RecordReviewResult = { status: "created" | "duplicate"; review: ReviewRecord };

/** Whether `pointer` names a node of `pack` (array items by index, object members by key). */
export function pointerExists(pack: unknown, pointer: string): boolean {
  let node = pack;
  for (const token of pointerTokens(pointer) ?? []) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return false;
      node = node[Number(token)];
    } else if (typeof node === "object" && node !== null && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Stores a review of an interaction (or of one item of its pack) or of a session, attributed to
 * `author`, with its audit-chain link. The target must exist (404) and a pointer must name an
 * item of the interaction's stored pack (400). A retry with the same id and body is answered
 * with the stored review ("duplicate"); another body under that id is a conflict.
 */
export async function recordReview(target: ReviewTargetRef, body: ReviewBody, author: string): Promise<RecordReviewResult> {
  let interactionId: string | null = null;
  let sessionId: string | null = null;
  if ("interaction_id" in target) {
    // Only a review of a pack item needs the pack (which may be MBs, parsed here).
    if (body.pointer === undefined) {
      interactionId = await requireInteractionId(target.interaction_id);
    } else {
      const interaction = await getInteraction(target.interaction_id);
      interactionId = interaction.id;
      if (!pointerExists(interaction.context_pack, body.pointer)) {
        throw new ValidationError("The review is not valid", [
          { path: ["pointer"], message: `the pack of interaction ${interaction.id} has no item at ${body.pointer}`, code: "unknown_pointer" },
        ]);
      }
    }
  } else {
    if (body.pointer !== undefined) {
      throw new ValidationError("The review is not valid", [{ path: ["pointer"], message: "a session review has no pointer; review the turn's pack item instead" }]);
    }
    sessionId = (await getSessionSummary(target.session_id)).session_id;
  }
  const outcome = await database().reviews.appendReview({
    id: body.id ?? randomUUID(),
    interaction_id: interactionId,
    pointer: interactionId !== null ? (body.pointer ?? null) : null,
    session_id: sessionId,
    verdict: body.verdict ?? null,
    retract: body.retract === true,
    labels: JSON.stringify(body.labels),
    note: body.note,
    author,
    supersedes: body.supersedes ?? null,
  });
  const review = toReviewRecord(outcome.review);
  log.info(outcome.status === "created" ? "review_recorded" : "review_repeated", {
    review_id: review.id,
    interaction_id: interactionId,
    session_id: sessionId,
    verdict: review.verdict,
    retract: review.retract,
  });
  return { status: outcome.status, review };
}
