import type { LinkContent } from "@/lib/audit/canonical-content";
import { sha256 } from "@/lib/audit/sha256";

// The chain's content rule for a retirement (lib/retention/): one `retired` link per batch of
// interactions removed for their age, with the reviews that went with them. The link names the
// retirement in interaction_id and carries its facts as JSON in `fields`; the retired_rows
// table lists what it removed, each row with the hash of the link that covered it:
//
//   retired = SHA-256(JSON.stringify(["retired", retirement id, fields, rows digest]))
//   rows digest = SHA-256(JSON.stringify([[kind, row id, link hash or null], ...]))
//                 sorted by kind, then row id (code unit order, so no database collation)
//
// A verifier meeting a link whose row is gone accepts it only when retired_rows names that row
// under a `retired` link later in the chain, with the link's own hash; the retired link then
// covers that list, so a row deleted and listed afterwards breaks the retired link instead.

export const RETIRED_INTERACTION = "interaction";
export const RETIRED_REVIEW = "review";
export type RetiredKind = typeof RETIRED_INTERACTION | typeof RETIRED_REVIEW;

/** One row a retirement removed, as retired_rows holds it. */
export type RetiredRow = { kind: RetiredKind; row_id: string; link_hash: string | null };

/** What a retired link states about its batch (its `fields`). */
export type RetirementFacts = {
  /** Interactions created before this instant (epoch ms) were retired. */
  before: number;
  /** Interactions removed. */
  count: number;
  /** Reviews removed with them. */
  reviews: number;
  /** The interactions' seq range (not every seq in it need have been retired). */
  first_seq: number;
  last_seq: number;
};

export const retirementFields = (f: RetirementFacts): string =>
  JSON.stringify({ before: f.before, count: f.count, reviews: f.reviews, first_seq: f.first_seq, last_seq: f.last_seq });

const byKindThenId = (a: RetiredRow, b: RetiredRow) =>
  a.kind === b.kind ? (a.row_id < b.row_id ? -1 : a.row_id > b.row_id ? 1 : 0) : a.kind < b.kind ? -1 : 1;

export function retiredRowsDigest(rows: readonly RetiredRow[]): string {
  return sha256(JSON.stringify([...rows].sort(byKindThenId).map((r) => [r.kind, r.row_id, r.link_hash ?? null])));
}

export function retirementHash(retirementId: string, fields: string, rows: readonly RetiredRow[]): string {
  return sha256(JSON.stringify(["retired", retirementId, fields, retiredRowsDigest(rows)]));
}

export function retirementLink(retirementId: string, facts: RetirementFacts, rows: readonly RetiredRow[], at: number): LinkContent {
  const fields = retirementFields(facts);
  return { kind: "retired", interactionId: retirementId, fields, contentHash: retirementHash(retirementId, fields, rows), at };
}
