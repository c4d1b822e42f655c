import type { ReviewRow, ReviewStore, ReviewWithLink } from "@/lib/db/contract/reviews";
import { listReviewsSql, listReviewsWithLinksSql, type ReviewLinkColumns } from "@/lib/db/review-read-sql";
import { readRows } from "@/lib/db/reader";
import { runWrite } from "@/lib/db/write-thread";
import { errorFromWire } from "@/lib/errors";
import { readCurrentVerdicts, withLink } from "@/lib/db/review-rows";

// Reviews on SQLite: the write is the write thread's job "review" (lib/db/sqlite/review-write.ts).
export const sqliteReviewStore: ReviewStore = {
  async appendReview(review) {
    const result = await runWrite("review", review);
    if (!result.ok) throw errorFromWire(result.error);
    return result.value;
  },
  listReviews: (selection, limit, cursor) => readRows<ReviewRow>(listReviewsSql("sqlite", selection, limit, cursor)),
  async listReviewsWithLinks(selection, afterSeq, limit): Promise<ReviewWithLink[]> {
    return (await readRows<ReviewRow & ReviewLinkColumns>(listReviewsWithLinksSql("sqlite", selection, afterSeq, limit))).map(withLink);
  },
  currentVerdicts: readCurrentVerdicts,
};
