import type { ReviewRow, ReviewWithLink } from "@/lib/db/contract/reviews";
import type { ReviewLinkColumns } from "@/lib/db/sql/review-read-sql";

/** A review row read with its link's columns, as the store answers it. */
export function withLink({ link_seq, content_hash, prev_hash, hash, ...row }: ReviewRow & ReviewLinkColumns): ReviewWithLink {
  return {
    ...row,
    link: link_seq === null ? null : { seq: Number(link_seq), content_hash: content_hash!, prev_hash: prev_hash!, hash: hash! },
  };
}
