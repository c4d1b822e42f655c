import { json, parseOrThrow, route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { listAllReviews } from "@/lib/reviews/list-reviews";
import { ReviewListQuerySchema } from "@/lib/reviews/schema";

/** Reviews of everything, newest first: verdict, label, author, project, since; keyset pages. */
export const GET = route("read", async (req) => {
  const query = parseOrThrow(ReviewListQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query");
  return json(await listAllReviews(query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
