import { recordVerification } from "@/lib/audit/checkpoint";
import { reportOf, type VerifyProgress, type VerifyReport } from "@/lib/audit/verify-chain";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";

// A full verification of the chain as a background job of this server process: one at a
// time, its progress readable while it runs (/audit, GET /api/audit/verify), its result
// stored in the checkpoint. It reads in small batches so that the event loop, which serves
// every request and capture meanwhile, is never held for long by one of them.

export type VerifyJob = VerifyProgress & {
  state: "running" | "done" | "failed";
  started_at: string;
  finished_at: string | null;
  /** The verification's report once it is done. */
  result: VerifyReport | null;
  error: string | null;
};

/** Links per read of a verification in the server: a few milliseconds of hashing each. */
export const BACKGROUND_BATCH = 200;

const state = processState("verify-job", () => ({ job: null as VerifyJob | null }));

/** This process's full verification, running or last finished (null before the first). */
export const verifyJob = (): VerifyJob | null => state.job && { ...state.job };

/** Starts a full verification unless one is running; returns its state. */
export function startFullVerification(): VerifyJob {
  if (state.job?.state === "running") return { ...state.job };
  const started = Date.now();
  const current: VerifyJob = {
    state: "running",
    started_at: new Date(started).toISOString(),
    finished_at: null,
    links_checked: 0,
    at_link: 0,
    head_link: 0,
    result: null,
    error: null,
  };
  state.job = current;
  log.info("chain_verification_started", { scope: "full" });
  verifyStoredChain(undefined, { batch: BACKGROUND_BATCH, onProgress: (p) => Object.assign(current, p) })
    .then(async (run) => {
      await recordVerification(run);
      Object.assign(current, { state: "done", result: reportOf(run), finished_at: new Date().toISOString() });
      log.info("chain_verification_finished", { scope: "full", status: run.status, links_checked: run.links_checked, ms: Date.now() - started });
    })
    .catch((err: unknown) => {
      const error = err instanceof Error ? err.message : String(err);
      Object.assign(current, { state: "failed", error, finished_at: new Date().toISOString() });
      log.error("chain_verification_failed", { scope: "full", error });
    });
  return { ...current };
}
