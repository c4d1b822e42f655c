import type { InteractionRecord } from "@/lib/interactions/schema";

// A turn's time as session views show it: when it happened (occurred_at), else when it arrived.

/** A turn that arrived more than this after it happened says so ("arrived 3 h later"). */
export const ARRIVED_LATE_MS = 60_000;

type Times = Pick<InteractionRecord, "created_at" | "occurred_at">;

/** When the turn happened, as the client said, else when it arrived (ISO 8601). */
export const turnTime = (t: Times): string => t.occurred_at ?? t.created_at;

/**
 * How long after it happened the turn arrived, to the minute (it labels "arrived 3 h later"),
 * when that is more than ARRIVED_LATE_MS; else null.
 */
export function arrivedLateMs(t: Times): number | null {
  if (t.occurred_at === null) return null;
  const late = Date.parse(t.created_at) - Date.parse(t.occurred_at);
  return late > ARRIVED_LATE_MS ? Math.round(late / 60_000) * 60_000 : null;
}
