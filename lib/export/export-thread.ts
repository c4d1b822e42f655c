import { Worker } from "node:worker_threads";
import { errorFromWire, type WireError } from "@/lib/errors";
import { log } from "@/lib/log";
import { exportParts, type ExportJob } from "@/lib/export/export-parts";

// An export reads, parses and writes out every row it covers with its pack: seconds of CPU for
// a long session or a large project, which would otherwise be taken from the event loop that
// answers captures. In the server the parts are made on a thread of their own at the lowest
// CPU priority (export-thread-worker.ts), a few ahead of what the response has sent, so the
// memory it holds stays a few parts whatever the export's length; scripts and tests (no bundler
// to build the worker) make them inline.

/** Parts the thread may make ahead of what the response has taken. */
export const PARTS_AHEAD = 4;

export type ExportRequest = { n: number } & ({ start: ExportJob } | { more: true } | { stop: true });
export type ExportReply = { n: number } & ({ part: Uint8Array } | { done: true } | { error: WireError });

type Outcome = { part: Uint8Array } | { done: true } | { error: Error };

/** One export's replies, as they arrive, for the generator that hands them on. */
class Inbox {
  private readonly queue: Outcome[] = [];
  private wake: (() => void) | null = null;

  push(outcome: Outcome) {
    this.queue.push(outcome);
    this.wake?.();
    this.wake = null;
  }

  async next(): Promise<Outcome> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.queue.shift()!;
  }
}

class ExportThread {
  private readonly worker = new Worker(new URL("./export-thread-worker.ts", import.meta.url), {
    // Its own heap, bounded: it holds a few turns at a time (a turn's pack may be MBs).
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 },
  });
  private readonly inboxes = new Map<number, Inbox>();
  private next = 0;
  failed = false;

  constructor() {
    // An export in flight when the server stops is cut short with its connection anyway.
    this.worker.unref();
    this.worker.on("message", (reply: ExportReply) => {
      const inbox = this.inboxes.get(reply.n);
      if (!inbox) return;
      if ("part" in reply) inbox.push({ part: reply.part });
      else if ("done" in reply) inbox.push({ done: true });
      else inbox.push({ error: errorFromWire(reply.error) });
    });
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`the export thread exited with code ${code}`)));
  }

  async *parts(job: ExportJob): AsyncGenerator<Uint8Array> {
    const n = this.next++;
    const inbox = new Inbox();
    this.inboxes.set(n, inbox);
    let finished = false;
    try {
      this.worker.postMessage({ n, start: job } satisfies ExportRequest);
      for (;;) {
        const outcome = await inbox.next();
        if ("done" in outcome) return void (finished = true);
        if ("error" in outcome) {
          finished = true;
          throw outcome.error;
        }
        yield outcome.part;
        this.worker.postMessage({ n, more: true } satisfies ExportRequest);
      }
    } finally {
      this.inboxes.delete(n);
      // Left early (the client went away): the thread stops making this export's parts.
      if (!finished && !this.failed) this.worker.postMessage({ n, stop: true } satisfies ExportRequest);
    }
  }

  // The exports in flight end with the error (their answers are cut short); the next export starts a new thread.
  private fail(err: Error) {
    if (this.failed) return;
    this.failed = true;
    log.error("export_thread_failed", { error: err.stack ?? err.message, in_flight: this.inboxes.size });
    for (const inbox of this.inboxes.values()) inbox.push({ error: err });
  }
}

const globalForThread = globalThis as unknown as { atocoreExportThread?: ExportThread };

/** The parts of an export: made on the export thread in the server, inline elsewhere. */
export function exportPartsOffThread(job: ExportJob): AsyncGenerator<string | Uint8Array> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return exportParts(job);
  if (!globalForThread.atocoreExportThread || globalForThread.atocoreExportThread.failed) globalForThread.atocoreExportThread = new ExportThread();
  return globalForThread.atocoreExportThread.parts(job);
}
