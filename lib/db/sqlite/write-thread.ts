import { Worker } from "node:worker_threads";
import { config } from "@/lib/config";
import { committedDurably, sqlite } from "@/lib/db/sqlite/connection";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { failInFlight } from "@/lib/db/sqlite/thread-requests";
import { runJobs, type Job, type JobName, type JobPayload, type JobResult, type JobValue } from "@/lib/db/sqlite/write-jobs";
import { errorFromWire, type WireError } from "@/lib/errors";

// SQLite writes run on a thread of their own in the server. The write transaction (the row, its
// indexes, the full-text and session triggers, the chain, the WAL checkpoints) costs about as
// much CPU as everything else a capture does; on its own thread it overlaps with the requests the event
// loop is serving, and the jobs that queue up meanwhile commit together in one transaction with
// one WAL flush. Scripts and tests (no bundler to build the worker) run the same jobs inline.

/** A reply from the thread: the job's result, or why it is not known to be durable. */
export type WriteReply = { n: number; result: JobResult; unsynced?: WireError };
export type WriteRequest = Job & { n: number };
/** What the thread starts with: a counter of the jobs posted to it, shared (Int32Array). */
export type WriteThreadData = { jobsPosted: SharedArrayBuffer };

type Pending = { resolve: (r: JobResult) => void; reject: (e: Error) => void };

class WriteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  // Counted up here as a job is posted and down by the thread as it receives it, so that the
  // thread, busy with a fold, can tell that a job waits in its port.
  private readonly posted = new Int32Array(new SharedArrayBuffer(4));
  private next = 0;
  /** Died: what was in flight has been failed, and the next write starts a new thread. */
  failed = false;

  constructor() {
    this.worker = new Worker(new URL("./write-thread-worker.ts", import.meta.url), {
      workerData: { jobsPosted: this.posted.buffer as SharedArrayBuffer } satisfies WriteThreadData,
    });
    // The HTTP server keeps the process alive while requests wait; the thread alone must not.
    // It ends with the process: everything it acknowledged was flushed before the answer, and
    // a transaction still open then is rolled back by SQLite on the next open.
    this.worker.unref();
    this.worker.on("message", (replies: WriteReply[]) => {
      for (const { n, result, unsynced } of replies) {
        const p = this.pending.get(n);
        this.pending.delete(n);
        if (unsynced) p?.reject(errorFromWire(unsynced));
        else p?.resolve(result);
      }
    });
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the write thread exited with code ${code}`)));
  }

  run(job: Job): Promise<JobResult> {
    const n = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      Atomics.add(this.posted, 0, 1);
      this.worker.postMessage({ ...job, n } satisfies WriteRequest);
    });
  }

  // What became of the jobs in flight is unknown (committed or not): their requests fail with
  // a 500, and the next write starts a new thread.
  private fail(err: Error) {
    if (this.failed) return;
    this.failed = true;
    failInFlight(this.pending, err, "write_thread_failed", "jobs_in_flight");
  }
}

const globalForThread = globalThis as unknown as { atocoreWriteThread?: WriteThread };

// Decided once: the environment it reads does not change while the process runs.
let threaded: boolean | undefined;
function usesThread(): boolean {
  if (threaded === undefined) {
    const { DATABASE_URL, SQLITE_WRITE_THREAD } = config();
    threaded = SQLITE_WRITE_THREAD && process.env.NEXT_RUNTIME === "nodejs" && sqliteFileFromUrl(DATABASE_URL) !== ":memory:";
  }
  return threaded;
}

function thread(): WriteThread {
  let t = globalForThread.atocoreWriteThread;
  if (!t || t.failed) t = globalForThread.atocoreWriteThread = new WriteThread();
  return t;
}

/**
 * Runs one write job in its own transaction on the SQLite write connection and resolves once
 * it is durable (its WAL flushed), with its value or, if it rolled back, its error. Rejects
 * only when the outcome is not known to be durable.
 */
export async function runWrite<J extends JobName>(job: J, payload: JobPayload<J>): Promise<JobResult<JobValue<J>>> {
  const request = { job, payload } as Job;
  if (usesThread()) return (await thread().run(request)) as JobResult<JobValue<J>>;
  const [result] = runJobs(sqlite(), [request]);
  await committedDurably();
  return result as JobResult<JobValue<J>>;
}
