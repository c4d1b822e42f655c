import { readJsonBody } from "@/lib/api/body";
import { callerName, json, parseOrThrow, route } from "@/lib/api/route";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { listInteractionReviews, listSessionReviews } from "@/lib/reviews/list-reviews";
import { recordReview } from "@/lib/reviews/record-review";
import { reviewBodySchema, ReviewPageQuerySchema } from "@/lib/reviews/schema";

type TargetKind = "interaction" | "session";
type Params = { id: string } | { sessionId: string };
const targetId = (p: Params) => ("id" in p ? p.id : p.sessionId);

/**
 * GET and POST of /api/interactions/{id}/reviews and /api/sessions/{id}/reviews: reading needs
 * `read`, writing `review`; a new review is 201, a retry of a stored one 200.
 */
export function reviewsRoutes<P extends Params>(kind: TargetKind) {
  return {
    GET: route<P>("read", async (req, { params }) => {
      const id = targetId(await params);
      const q = parseOrThrow(ReviewPageQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query");
      return json(kind === "interaction" ? await listInteractionReviews(id, q) : await listSessionReviews(id, q));
    }),
    POST: route<P>("review", async (req, { params }) => {
      const id = targetId(await params);
      const body = parseOrThrow(reviewBodySchema(), await readJsonBody(req), "review");
      const target = kind === "interaction" ? { interaction_id: id } : { session_id: id };
      const { status, review } = await recordReview(target, body, callerName(req));
      return json(review, status === "created" ? 201 : 200);
    }),
  };
}
