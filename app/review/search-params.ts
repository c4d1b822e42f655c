import { listHrefFor } from "@/components/list-href";
import { parseListQueryLenient, type ListUrl, type SearchParamsInput } from "@/lib/interactions/schema";
import type { QueueOrder } from "@/lib/reviews/review-queue";

// The /review URL: the sessions list's filters (one parser, the lists'), and the queue's order.

export function readReviewUrl(input: SearchParamsInput): ListUrl & { order: QueueOrder } {
  const url = parseListQueryLenient(input, { review: "the queue holds unreviewed sessions only" });
  return { ...url, order: url.params.order === "newest" ? "newest" : "oldest" };
}

export const reviewHref = listHrefFor("/review");
