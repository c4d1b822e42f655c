import { committedDurably } from "@/lib/db/sqlite";
import { storeInteractions } from "@/lib/interactions/record-interaction";
import type { CaptureInput } from "@/lib/interactions/schema";

export type ImportRow = { input: CaptureInput & { id: string }; createdAt: number };
export type RowOutcome = { status: "created" | "duplicate" } | { status: "rejected"; reason: string };

/**
 * Writes rows in one transaction through the capture path's own per-row write (so
 * interaction_uses is filled exactly as for a live capture), durably. A conflicting row
 * refuses only itself; the rest of the batch commits.
 */
export async function writeBatch(rows: ImportRow[]): Promise<RowOutcome[]> {
  const outcomes = storeInteractions(rows);
  await committedDurably();
  return outcomes.map((o) => (o.status === "error" ? { status: "rejected", reason: o.error.message } : { status: o.status }));
}
