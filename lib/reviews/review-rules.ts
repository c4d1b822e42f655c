import { ConflictError, ValidationError } from "@/lib/errors";
import type { NewReview, ReviewRow } from "@/lib/db/contract/reviews";
import type { Verdict } from "@/lib/reviews/schema";

// The decisions of a review write, the same on both databases (lib/db/sqlite/reviews.ts and
// lib/db/postgres/reviews.ts call them inside their write transactions).

const sameTarget = (a: Pick<NewReview, "interaction_id" | "pointer" | "session_id">, b: typeof a) =>
  a.interaction_id === b.interaction_id && a.pointer === b.pointer && a.session_id === b.session_id;

/**
 * A review sent again with an id already stored: the same review (a retry) is answered with the
 * stored one; anything else under that id is a conflict and stores nothing.
 */
export function retriedReview(stored: ReviewRow, asked: NewReview): ReviewRow {
  const same =
    sameTarget(stored, asked) &&
    stored.verdict === asked.verdict &&
    Boolean(stored.retract) === asked.retract &&
    stored.labels === asked.labels &&
    stored.note === asked.note &&
    stored.author === asked.author &&
    stored.supersedes === asked.supersedes;
  if (!same) throw new ConflictError(`A different review with id ${asked.id} is already stored; reviews are never rewritten`);
  return stored;
}

/** The review `asked` supersedes must exist on the same target and still be current. */
export function checkSupersedes(earlier: ReviewRow | undefined, asked: NewReview): void {
  if (!asked.supersedes) return;
  if (!earlier || !sameTarget(earlier, asked)) {
    throw new ValidationError("The review is not valid", [
      { path: ["supersedes"], message: `no review ${asked.supersedes} on this target`, code: "unknown_review" },
    ]);
  }
  if (earlier.superseded_by) {
    throw new ConflictError(`Review ${earlier.id} was already superseded by ${earlier.superseded_by}; correct that one instead`);
  }
}

const SEVERITY: Record<Verdict, number> = { ok: 0, question: 1, problem: 2 };

/**
 * A target's current verdict from its current reviews (neither superseded nor retractions):
 * the most severe of them (problem > question > ok), with the labels of all of them; null
 * when none is left.
 */
export function currentVerdict(current: readonly { verdict: string | null; labels: string }[]): { verdict: Verdict; labels: string } | null {
  let verdict: Verdict | null = null;
  const labels = new Set<string>();
  for (const r of current) {
    const v = r.verdict as Verdict | null;
    if (v === null) continue;
    if (verdict === null || SEVERITY[v] > SEVERITY[verdict]) verdict = v;
    for (const l of JSON.parse(r.labels) as string[]) labels.add(l);
  }
  return verdict === null ? null : { verdict, labels: JSON.stringify([...labels].sort()) };
}

/** The rows of review_verdicts a review rewrites: its interaction's or its session's. */
export function verdictTarget(r: Pick<NewReview, "interaction_id" | "session_id">): { kind: "interaction" | "session"; id: string } {
  return r.interaction_id !== null ? { kind: "interaction", id: r.interaction_id } : { kind: "session", id: r.session_id! };
}

