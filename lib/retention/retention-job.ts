import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";
import { retireBefore } from "@/lib/retention/retire";

// RETENTION_DAYS as a background job of the server process: at start and then every
// RETENTION_INTERVAL_MS, one run at a time, the interactions older than the retention period
// are retired. On PostgreSQL every app server runs it; the write lock makes their batches take
// turns, and a batch that finds nothing left is a cheap index probe.

const DAY_MS = 24 * 60 * 60 * 1000;
const state = processState("retention-job", () => ({ timer: null as NodeJS.Timeout | null, running: false }));

async function runOnce(days: number): Promise<void> {
  if (state.running) return;
  state.running = true;
  try {
    await retireBefore(Date.now() - days * DAY_MS);
  } catch (err) {
    log.error("retention_failed", { error: err instanceof Error ? err.message : String(err) });
  } finally {
    state.running = false;
  }
}

/** Starts the retention job when RETENTION_DAYS is set (once per process). */
export function startRetentionJob(): void {
  const { RETENTION_DAYS: days, RETENTION_INTERVAL_MS: interval } = config();
  if (days === undefined || state.timer) return;
  state.timer = setInterval(() => void runOnce(days), interval);
  // The job never keeps the process alive on its own.
  state.timer.unref();
  void runOnce(days);
}
