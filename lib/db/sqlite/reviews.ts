import type { ReviewRow, ReviewStore, ReviewWithLink } from "@/lib/db/contract/reviews";
import { listReviewsSql, listReviewsWithLinksSql, type ReviewLinkColumns } from "@/lib/db/sql/review-read-sql";
import { readRows } from "@/lib/db/sqlite/reader";
import { runWrite } from "@/lib/db/sqlite/write-thread";
import { errorFromWire } from "@/lib/errors";
import { currentVerdictsReader, withLink } from "@/lib/db/sql/review-rows";

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
  currentVerdicts: currentVerdictsReader(readRows),
};
