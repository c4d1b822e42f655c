import { log } from "@/lib/log";

/**
 * What a thread that died owes its callers (the read, verification and write threads): every
 * request still in flight fails with the thread's error, logged once as `event` with how many
 * there were (under `countField`).
 */
export function failInFlight(pending: Map<number, { reject: (err: Error) => void }>, err: Error, event: string, countField = "in_flight"): void {
  log.error(event, { error: err.stack ?? err.message, [countField]: pending.size });
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}
