import { readCheckpoint, recordVerification, verifyFrom, type Checkpoint } from "@/lib/audit/checkpoint";
import type { VerifyRun } from "@/lib/audit/verify-chain";
import { BACKGROUND_BATCH, startFullVerification, verifyJob } from "@/lib/audit/verify-job";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";

// What every page's header shows: the last stored result (the checkpoint), read without
// verifying anything. Reading it also keeps it current in the background, never awaited by
// the page: the links added since the checkpoint are verified at most every REFRESH_MS, and
// a full verification runs when none has yet or the last is older than AUDIT_FULL_VERIFY_HOURS.

const REFRESH_MS = 30_000;
const state = processState("audit-refresh", () => ({ last: 0, incremental: null as Promise<unknown> | null }));

/** Verifies the links added since the checkpoint (and the checkpoint's own link) and stores the result. */
export async function verifySinceCheckpoint(): Promise<{ run: VerifyRun; checkpoint: Checkpoint }> {
  const run = await verifyStoredChain(undefined, { from: verifyFrom(await readCheckpoint()), batch: BACKGROUND_BATCH });
  await recordVerification(run);
  return { run, checkpoint: await readCheckpoint() };
}

function fullVerificationDue(cp: Checkpoint): boolean {
  if (cp.full_verified_at === null) return true;
  const hours = config().AUDIT_FULL_VERIFY_HOURS;
  return hours > 0 && Date.now() - Date.parse(cp.full_verified_at) > hours * 3_600_000;
}

/** Starts whatever keeps the checkpoint current, unless a verification is running or ran recently. */
export function refreshInBackground(cp: Checkpoint): void {
  if (verifyJob()?.state === "running" || state.incremental || Date.now() - state.last < REFRESH_MS) return;
  state.last = Date.now();
  if (fullVerificationDue(cp)) {
    startFullVerification();
    return;
  }
  state.incremental = verifySinceCheckpoint()
    .catch((err: unknown) => log.error("chain_verification_failed", { scope: "incremental", error: err instanceof Error ? err.message : String(err) }))
    .finally(() => (state.incremental = null));
}

/** The last stored result for the header (null if it cannot be read), refreshed in the background. */
export async function auditStatus(): Promise<Checkpoint | null> {
  const cp = await readCheckpoint().catch(() => null);
  if (cp) refreshInBackground(cp);
  return cp;
}
