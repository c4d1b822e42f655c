import { sqlite } from "@/lib/db/sqlite";
import { AppError } from "@/lib/errors";
import { storeInteraction } from "@/lib/interactions/record-interaction";
import type { CaptureInput } from "@/lib/interactions/schema";

export type ImportRow = { input: CaptureInput & { id: string }; createdAt: number };
export type RowOutcome = { status: "created" | "duplicate" } | { status: "rejected"; reason: string };

/**
 * Writes rows in one transaction through the capture path's own per-row write (so
 * interaction_uses is filled exactly as for a live capture). Each row runs in a savepoint:
 * a conflicting row is rolled back alone and reported, the rest of the batch commits.
 */
export function writeBatch(rows: ImportRow[]): RowOutcome[] {
  const db = sqlite();
  const one = db.transaction((row: ImportRow) => storeInteraction(row.input, row.createdAt).status);
  return db
    .transaction(() =>
      rows.map((row): RowOutcome => {
        try {
          return { status: one(row) };
        } catch (err) {
          if (err instanceof AppError) return { status: "rejected", reason: err.message };
          throw err;
        }
      }),
    )
    .immediate();
}
