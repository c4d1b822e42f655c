// The verdicts a review gives, and the review filter of the lists (a current verdict, or none).
// Imports nothing, so both the interactions' and the reviews' schemas can use it.
export const VERDICTS = ["ok", "problem", "question"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const REVIEW_FILTERS = ["unreviewed", ...VERDICTS] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/** What the lists' `review` and `label` filters ask for. */
export type ReviewStateFilters = { review?: ReviewFilter; label?: string };
