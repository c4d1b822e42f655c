import { storeInteractions } from "@/lib/interactions/record-interaction";
import type { CaptureInput } from "@/lib/interactions/schema";

export type ImportRow = { input: CaptureInput & { id: string }; createdAt: number };
export type RowOutcome = { status: "created" | "duplicate" } | { status: "rejected"; reason: string };

/**
 * Writes rows in one transaction through the capture path's own write (so interaction_uses
 * and the chain are filled exactly as for a live capture), durably. A conflicting row refuses
 * only itself; the rest of the batch commits.
 */
export async function writeBatch(rows: ImportRow[]): Promise<RowOutcome[]> {
  const outcomes = await storeInteractions(rows);
  return outcomes.map((o) => (o.status === "error" ? { status: "rejected", reason: o.error.message } : { status: o.status }));
}
