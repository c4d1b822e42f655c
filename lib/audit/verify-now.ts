import { readCheckpoint, recordVerification, type Checkpoint } from "@/lib/audit/checkpoint";
import { verifySinceCheckpoint } from "@/lib/audit/audit-status";
import type { VerifyQuery } from "@/lib/audit/schema";
import { reportOf, type VerifyReport } from "@/lib/audit/verify-chain";
import { BACKGROUND_BATCH, verifyJob, type VerifyJob } from "@/lib/audit/verify-job";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";

export type VerifyResponse = VerifyReport & { scope: VerifyQuery["scope"]; checkpoint: Checkpoint; job: VerifyJob | null };

/**
 * A verification run for the caller, stored like any other: the whole chain, or the links
 * since the checkpoint. An incremental run has not looked at the links before the checkpoint,
 * so a break found there earlier (by a full verification) still stands in its answer.
 */
export async function verifyNow({ scope }: VerifyQuery): Promise<VerifyResponse> {
  let report: VerifyReport;
  let checkpoint: Checkpoint;
  if (scope === "full") {
    const run = await verifyStoredChain(undefined, { batch: BACKGROUND_BATCH });
    await recordVerification(run);
    report = reportOf(run);
    checkpoint = await readCheckpoint();
  } else {
    const since = await verifySinceCheckpoint();
    checkpoint = since.checkpoint;
    const broken = since.run.broken ?? checkpoint.broken;
    report = { ...reportOf(since.run), status: broken ? "broken" : "ok", broken };
  }
  return { ...report, scope, checkpoint, job: verifyJob() };
}
