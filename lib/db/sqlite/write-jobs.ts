import type Database from "better-sqlite3";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { errorToWire, type WireError } from "@/lib/errors";
import { completeRow } from "@/lib/db/sqlite/complete";
import { storeRows } from "@/lib/db/sqlite/store";
import { redactRow } from "@/lib/db/sqlite/redact-row";
import { appendReviewRow } from "@/lib/db/sqlite/review-write";
import { retireBatch } from "@/lib/db/sqlite/retire-batch";
import { keepSpans } from "@/lib/db/sqlite/keep-spans";
import { foldItemIndex } from "@/lib/db/sqlite/item-index-fold";

// The writes that go through the SQLite write connection, by name, so that a job can be sent
// to the write thread (lib/db/sqlite/write-thread.ts) as data. Each is the body of a transaction:
// it reads and writes through `db` and returns a value a structured clone can carry.
export const WRITE_JOBS = {
  store: storeRows,
  complete: completeRow,
  redact: redactRow,
  review: appendReviewRow,
  retire: retireBatch,
  keepSpans,
  foldItems: foldItemIndex,
} satisfies Record<string, (db: Database.Database, payload: never) => unknown>;

export type JobName = keyof typeof WRITE_JOBS;
export type JobPayload<J extends JobName> = Parameters<(typeof WRITE_JOBS)[J]>[1];
export type JobValue<J extends JobName> = ReturnType<(typeof WRITE_JOBS)[J]>;
export type Job<J extends JobName = JobName> = { job: J; payload: JobPayload<J> };
/** A job's transaction committed with its value, or rolled back (nothing of it stored) with its error. */
export type JobResult<V = unknown> = { ok: true; value: V } | { ok: false; error: WireError };

const runJob = (db: Database.Database, { job, payload }: Job) =>
  (WRITE_JOBS[job] as (db: Database.Database, payload: unknown) => unknown)(db, payload);

/** A job threw while the jobs ran together (its error is the cause): they are worth running apart. */
class JobThrew extends Error {}

// better-sqlite3 runs a transaction function called inside another one as a savepoint.
const runner = perConnection((db) => {
  const inSavepoint = db.transaction((job: Job) => runJob(db, job));
  // FTS5 writes its pending terms out as a new segment at every savepoint (and merges them
  // later), so a savepoint per job costs every capture a share of a flush. Jobs rarely throw:
  // they run together without savepoints first, and only when one throws (the transaction is
  // then rolled back whole) do they run again, each in a savepoint of its own.
  const together = db.transaction((jobs: readonly Job[]) =>
    jobs.map((job): JobResult => {
      try {
        return { ok: true, value: runJob(db, job) };
      } catch (err) {
        throw new JobThrew("a write job threw", { cause: err });
      }
    }),
  );
  const apart = db.transaction((jobs: readonly Job[]) =>
    jobs.map((job): JobResult => {
      try {
        return { ok: true, value: inSavepoint(job) };
      } catch (err) {
        if (!db.inTransaction) throw err;
        return { ok: false, error: errorToWire(err) };
      }
    }),
  );
  return (jobs: readonly Job[]): JobResult[] => {
    try {
      return together.immediate(jobs);
    } catch (err) {
      // Not a job's own failure (the lock, the commit): the same again would fail alike.
      if (!(err instanceof JobThrew)) throw err;
      return apart.immediate(jobs);
    }
  };
});

/**
 * Runs jobs in ONE immediate transaction: a job that throws rolls back only itself (the jobs
 * run again, each in a savepoint) and answers its error; the others commit together, with one WAL
 * flush for all of them afterwards (the caller's). Should the transaction itself fail (the
 * commit, or an error SQLite answers by rolling everything back), every job answers that
 * error: none of them was stored.
 */
export function runJobs(db: Database.Database, jobs: readonly Job[]): JobResult[] {
  try {
    return runner(db)(jobs);
  } catch (err) {
    const error = errorToWire(err);
    return jobs.map(() => ({ ok: false, error }));
  }
}
