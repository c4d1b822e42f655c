import { Worker } from "node:worker_threads";
import { config } from "@/lib/config";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { readRows } from "@/lib/db/sqlite/reader";
import { failInFlight } from "@/lib/db/sqlite/thread-requests";
import { tsxWorker } from "@/lib/db/sqlite/tsx-worker";
import { errorFromWire, type WireError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// better-sqlite3 runs a statement on the thread that calls it. Most reads are an index range
// and take milliseconds; a few aggregate however many rows their filters match (the memory
// audit's list filtered by project, client or time sums item_sightings over that slice), which
// at a million interactions takes seconds. Those run here, on a thread with a read-only
// connection of its own, so that the event loop keeps serving captures and pages meanwhile.
// They queue behind one another, never in front of the quick reads.

export type ReadThreadData = { file: string };
export type ReadRequest = { n: number; sql: string; values: unknown[] };
export type ReadReply = { n: number } & ({ rows: unknown[] } | { error: WireError });

type Pending = { resolve: (rows: unknown[]) => void; reject: (err: Error) => void };

export class ReadThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  /** Died: what was in flight has failed, and the next long read starts a new thread. */
  failed = false;

  constructor(file: string) {
    const options = { workerData: { file } satisfies ReadThreadData };
    this.worker = process.env.NEXT_RUNTIME
      ? new Worker(new URL("./read-thread-worker.ts", import.meta.url), options)
      : tsxWorker(new URL("./read-thread-worker.ts", import.meta.url), options);
    // A read in flight when the server stops has nobody left to answer.
    this.worker.unref();
    this.worker.on("message", (reply: ReadReply) => {
      const p = this.pending.get(reply.n);
      this.pending.delete(reply.n);
      if ("rows" in reply) p?.resolve(reply.rows);
      else p?.reject(errorFromWire(reply.error));
    });
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the read thread exited with code ${code}`)));
  }

  rows<T>(query: Prisma.Sql): Promise<T[]> {
    const n = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve: resolve as (rows: unknown[]) => void, reject });
      this.worker.postMessage({ n, sql: query.sql, values: query.values } satisfies ReadRequest);
    });
  }

  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }

  private fail(err: Error) {
    if (this.failed) return;
    this.failed = true;
    failInFlight(this.pending, err, "read_thread_failed");
  }
}

const globalForThread = globalThis as unknown as { atocoreReadThread?: ReadThread };

/**
 * A read whose work grows with the rows it aggregates: on the read thread in the server, inline
 * (readRows) in scripts and tests, which have no bundler to build the thread and no captures to keep serving.
 */
export function readRowsOffLoop<T>(query: Prisma.Sql): Promise<T[]> {
  const file = sqliteFileFromUrl(config().DATABASE_URL);
  if (process.env.NEXT_RUNTIME !== "nodejs" || file === ":memory:") return readRows<T>(query);
  let thread = globalForThread.atocoreReadThread;
  if (!thread || thread.failed) thread = globalForThread.atocoreReadThread = new ReadThread(file);
  return thread.rows<T>(query);
}
