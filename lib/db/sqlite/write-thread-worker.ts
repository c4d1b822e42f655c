import { parentPort, workerData } from "node:worker_threads";
import { committedDurablyNow, sqlite } from "@/lib/db/sqlite/connection";
import { deferItemIndex, type FoldLimit, IDLE_FOLD, IDLE_FOLD_ROWS, itemIndexBehind, yieldFoldsTo } from "@/lib/db/sqlite/item-index-fold";
import { runJobs, type Job } from "@/lib/db/sqlite/write-jobs";
import type { WriteReply, WriteRequest, WriteThreadData } from "@/lib/db/sqlite/write-thread";
import { errorToWire } from "@/lib/errors";
import { log } from "@/lib/log";

// The write thread (lib/db/sqlite/write-thread.ts): its own write connection, a queue of jobs, and
// group commit in both senses: the jobs that arrived while the last transaction and its WAL
// flush ran commit together in the next transaction, answered after one flush.

// Bounds one transaction (the write lock is held throughout; other processes wait for it).
const MAX_JOBS_PER_TRANSACTION = 64;

// The item index (lib/db/sqlite/item-index-fold.ts) is folded in once no job has arrived for
// IDLE_MS, IDLE_FOLD_ROWS interactions per transaction (ended early when a job arrives), so that
// a burst of captures is answered at the speed of the captures alone. Should captures keep
// arriving, the fold goes first once MAX_BEHIND wait: as many as went past it, and more while
// their packs hold fewer than CATCH_UP_BYTES (about 40 realistic packs of ~40 KB: each stall
// stays short and captures keep most of the thread; a fold of small packs takes more of them,
// each cheaper), at most MAX_CATCH_UP, so that the backlog, and what the next read of the index
// must fold before it answers (~3 ms an interaction), stays bounded.
// Once idle with nothing left to fold, the WAL is checkpointed (see checkpoint()).
const IDLE_MS = 250;
const MAX_BEHIND = 2_000;
const CATCH_UP_BYTES = 40 * 40 * 1024;
const MAX_CATCH_UP = 400;

const port = parentPort!;
// Jobs posted to this thread and not received yet: an idle fold ends early when one waits.
const posted = new Int32Array((workerData as WriteThreadData).jobsPosted);
deferItemIndex(sqlite());
yieldFoldsTo(sqlite(), () => Atomics.load(posted, 0) > 0);
log.info("write_thread_started", { max_jobs_per_transaction: MAX_JOBS_PER_TRANSACTION, idle_fold: IDLE_FOLD_ROWS, max_behind: MAX_BEHIND });
const queue: WriteRequest[] = [];
let draining = false;
let behind = itemIndexBehind(sqlite());
let lastJobAt = 0;
let idleTimer: NodeJS.Timeout | null = null;
// Commits since the last checkpoint: once idle and folded, the WAL is copied into the database.
let uncheckpointed = false;

function fold(limit: FoldLimit): boolean {
  const [result] = runJobs(sqlite(), [{ job: "foldItems", payload: limit } satisfies Job]);
  uncheckpointed = true;
  if (result.ok) behind = result.value as number;
  else log.error("item_index_fold_failed", { error: result.error.message });
  return result.ok;
}

// PASSIVE: it waits for no reader and takes no lock a writer needs; what a reader still uses
// is copied by a later one.
function checkpoint() {
  uncheckpointed = false;
  try {
    sqlite().pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    log.warn("wal_checkpoint_failed", { error: err instanceof Error ? err.message : String(err) });
  }
}

function foldWhenIdle() {
  idleTimer = null;
  if (draining || (behind === 0 && !uncheckpointed)) return;
  const quiet = performance.now() - lastJobAt;
  if (quiet < IDLE_MS) return void (idleTimer = setTimeout(foldWhenIdle, IDLE_MS - quiet));
  if (behind === 0) return checkpoint();
  // One transaction, then back to the port: a job that arrived meanwhile restarts the wait.
  if (fold(IDLE_FOLD)) setImmediate(foldWhenIdle);
}

function scheduleFold() {
  if (idleTimer === null && (behind > 0 || uncheckpointed)) idleTimer = setTimeout(foldWhenIdle, IDLE_MS);
}

// The flush blocks this thread, which has nothing else to do until it ends: no trip through
// the thread pool and back. Jobs posted meanwhile wait in the port for the next transaction.
function drain() {
  while (queue.length > 0) {
    if (behind > MAX_BEHIND) fold({ rows: Math.min(behind - MAX_BEHIND, MAX_CATCH_UP), upTo: MAX_CATCH_UP, bytes: CATCH_UP_BYTES });
    const batch = queue.splice(0, MAX_JOBS_PER_TRANSACTION);
    const results = runJobs(sqlite(), batch);
    uncheckpointed = true;
    behind = itemIndexBehind(sqlite());
    let unsynced: WriteReply["unsynced"];
    try {
      committedDurablyNow();
    } catch (err) {
      unsynced = errorToWire(err);
    }
    port.postMessage(batch.map((r, i): WriteReply => ({ n: r.n, result: results[i], ...(unsynced ? { unsynced } : {}) })));
  }
  draining = false;
  scheduleFold();
}

// Interactions a previous run left pending (it stopped before its fold) are folded once idle.
scheduleFold();

port.on("message", (message: WriteRequest) => {
  Atomics.sub(posted, 0, 1);
  queue.push(message);
  lastJobAt = performance.now();
  if (!draining) {
    draining = true;
    // After this turn's messages, so that they share the transaction.
    setImmediate(drain);
  }
});
