import type { LinkContent } from "@/lib/audit/canonical-content";
import { RETIRED_INTERACTION, RETIRED_REVIEW, retirementLink, type RetiredRow, type RetirementFacts } from "@/lib/audit/retirement-content";

// A retirement batch decided from the rows as stored, inside the write transaction that deletes
// them (both databases): what retired_rows lists, and the batch's chain link.

/** An interaction about to be retired, with the hash of its capture link (null when unchained). */
export type RetiringInteraction = { id: string; seq: number; link_hash: string | null };
/** A review going with it, with the hash of its review link. */
export type RetiringReview = { id: string; link_hash: string | null };

export type RetirementPlan = { rows: RetiredRow[]; facts: RetirementFacts; link: LinkContent };

export function planRetirement(
  retirementId: string,
  before: number,
  interactions: readonly RetiringInteraction[],
  reviews: readonly RetiringReview[],
  now: number,
): RetirementPlan {
  const seqs = interactions.map((i) => Number(i.seq));
  const facts: RetirementFacts = { before, count: interactions.length, reviews: reviews.length, first_seq: Math.min(...seqs), last_seq: Math.max(...seqs) };
  const rows: RetiredRow[] = [
    ...interactions.map((i) => ({ kind: RETIRED_INTERACTION, row_id: i.id, link_hash: i.link_hash }) as const),
    ...reviews.map((r) => ({ kind: RETIRED_REVIEW, row_id: r.id, link_hash: r.link_hash }) as const),
  ];
  return { rows, facts, link: retirementLink(retirementId, facts, rows, now) };
}
