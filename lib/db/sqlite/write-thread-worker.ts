import { parentPort } from "node:worker_threads";
import { committedDurablyNow, sqlite } from "@/lib/db/sqlite/connection";
import { runJobs } from "@/lib/db/sqlite/write-jobs";
import type { WriteReply, WriteRequest } from "@/lib/db/sqlite/write-thread";
import { errorToWire } from "@/lib/errors";
import { log } from "@/lib/log";

// The write thread (lib/db/sqlite/write-thread.ts): its own write connection, a queue of jobs, and
// group commit in both senses: the jobs that arrived while the last transaction and its WAL
// flush ran commit together in the next transaction, answered after one flush.

// Bounds one transaction (the write lock is held throughout; other processes wait for it).
const MAX_JOBS_PER_TRANSACTION = 64;

const port = parentPort!;
sqlite();
log.info("write_thread_started", { max_jobs_per_transaction: MAX_JOBS_PER_TRANSACTION });
const queue: WriteRequest[] = [];
let draining = false;

// The flush blocks this thread, which has nothing else to do until it ends: no trip through
// the thread pool and back. Jobs posted meanwhile wait in the port for the next transaction.
function drain() {
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_JOBS_PER_TRANSACTION);
    const results = runJobs(sqlite(), batch);
    let unsynced: WriteReply["unsynced"];
    try {
      committedDurablyNow();
    } catch (err) {
      unsynced = errorToWire(err);
    }
    port.postMessage(batch.map((r, i): WriteReply => ({ n: r.n, result: results[i], ...(unsynced ? { unsynced } : {}) })));
  }
  draining = false;
}

port.on("message", (message: WriteRequest) => {
  queue.push(message);
  if (!draining) {
    draining = true;
    // After this turn's messages, so that they share the transaction.
    setImmediate(drain);
  }
});
