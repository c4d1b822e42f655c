import type { ReviewRow, ReviewWithLink } from "@/lib/db/contract/reviews";
import { currentVerdictsSql, type ReviewLinkColumns } from "@/lib/db/sql/review-read-sql";
import type { Reads } from "@/lib/db/contract/reads";
import type { Verdict } from "@/lib/reviews/verdicts";

/** A review row read with its link's columns, as the store answers it. */
export function withLink({ link_seq, content_hash, prev_hash, hash, ...row }: ReviewRow & ReviewLinkColumns): ReviewWithLink {
  return {
    ...row,
    link: link_seq === null ? null : { seq: Number(link_seq), content_hash: content_hash!, prev_hash: prev_hash!, hash: hash! },
  };
}

/** The current verdicts of these interactions or sessions, read through `readRows`: the same read on both databases. */
export const currentVerdictsReader = (readRows: Reads["rows"]) => async (kind: "interaction" | "session", ids: readonly string[]): Promise<Map<string, Verdict>> => {
  if (ids.length === 0) return new Map();
  const rows = await readRows<{ target_id: string; verdict: Verdict }>(currentVerdictsSql(kind, ids));
  return new Map(rows.map((r) => [r.target_id, r.verdict]));
};
