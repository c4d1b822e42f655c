import { database } from "@/lib/db";
import type { Verdict } from "@/lib/reviews/verdicts";

/** A list page's records with their current verdict (`review`, null when unreviewed): one read for the page. */
export async function withVerdicts<T>(
  kind: "interaction" | "session",
  records: readonly T[],
  idOf: (record: T) => string,
): Promise<(T & { review: Verdict | null })[]> {
  const verdicts = await database().reviews.currentVerdicts(kind, records.map(idOf));
  return records.map((r) => ({ ...r, review: verdicts.get(idOf(r)) ?? null }));
}
