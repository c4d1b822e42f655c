import type { RetirementFacts } from "@/lib/audit/retirement-content";

// What retention needs from a database: one write transaction per batch that deletes the oldest
// interactions created before a time with everything derived from them, and chains the batch's
// `retired` link (lib/db/sql/retire-sql.ts holds the statements, written once).

/** One committed batch: its facts as the link states them. */
export type RetiredBatch = RetirementFacts & { retirement: string; at: number };

export interface RetentionStore {
  /** Retires up to `limit` of the oldest interactions created before `before` (epoch ms); null when none is left. */
  retireBatch(before: number, limit: number): Promise<RetiredBatch | null>;
}
