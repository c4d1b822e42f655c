import { Worker } from "node:worker_threads";
import type { VerifyOptions, VerifyProgress, VerifyRun } from "@/lib/audit/verify-chain";
import { verifySqliteChain } from "@/lib/db/sqlite/verify-stored-chain";
import { failInFlight } from "@/lib/db/sqlite/thread-requests";
import { errorFromWire, type WireError } from "@/lib/errors";

// Verifying the chain hashes every row it covers: seconds of CPU for a large chain, which the
// first start after an import spends while viewers load their first pages. In the server it
// runs on a thread of its own at the lowest priority (verify-thread-worker.ts), so the event
// loop is never held by it; scripts and tests (no bundler to build the worker) verify inline.

export type VerifyRequest = { n: number; url: string; options: Omit<VerifyOptions, "onProgress"> };
export type VerifyReply = { n: number } & ({ progress: VerifyProgress } | { run: VerifyRun } | { error: WireError });

type Pending = { resolve: (run: VerifyRun) => void; reject: (err: Error) => void; onProgress?: (p: VerifyProgress) => void };

class VerifyThread {
  private readonly worker = new Worker(new URL("./verify-thread-worker.ts", import.meta.url));
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  failed = false;

  constructor() {
    // A verification in flight when the server stops is simply not finished: nothing to keep alive for.
    this.worker.unref();
    this.worker.on("message", (reply: VerifyReply) => {
      const p = this.pending.get(reply.n);
      if (!p) return;
      if ("progress" in reply) return p.onProgress?.(reply.progress);
      this.pending.delete(reply.n);
      if ("run" in reply) p.resolve(reply.run);
      else p.reject(errorFromWire(reply.error));
    });
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the verification thread exited with code ${code}`)));
  }

  verify(url: string, { onProgress, ...options }: VerifyOptions): Promise<VerifyRun> {
    const n = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve, reject, onProgress });
      this.worker.postMessage({ n, url, options } satisfies VerifyRequest);
    });
  }

  // The verifications in flight fail (a page shows the last stored result meanwhile); the next starts a new thread.
  private fail(err: Error) {
    if (this.failed) return;
    this.failed = true;
    failInFlight(this.pending, err, "verify_thread_failed");
  }
}

const globalForThread = globalThis as unknown as { atocoreVerifyThread?: VerifyThread };

/** The chain of the SQLite database at `url`: on the verification thread in the server, inline elsewhere. */
export function verifySqliteChainOffThread(url: string, options: VerifyOptions): Promise<VerifyRun> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return verifySqliteChain(url, options);
  if (!globalForThread.atocoreVerifyThread || globalForThread.atocoreVerifyThread.failed) globalForThread.atocoreVerifyThread = new VerifyThread();
  return globalForThread.atocoreVerifyThread.verify(url, options);
}
