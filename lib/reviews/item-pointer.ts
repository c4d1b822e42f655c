import type { ReviewRecord } from "@/lib/reviews/schema";

/** The pack item a review is about, or null when it judges the whole turn or session. */
export const itemPointer = (r: ReviewRecord): string | null => ("pointer" in r.target ? r.target.pointer : null);
