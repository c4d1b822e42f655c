import { parentPort } from "node:worker_threads";
import { lowestPriorityForThisThread } from "@/lib/lowest-priority";
import { errorToWire } from "@/lib/errors";
import { exportParts, type ExportJob } from "@/lib/export/export-parts";
import { PARTS_AHEAD, type ExportReply, type ExportRequest } from "@/lib/export/export-thread";

// Exports in the server (lib/export/export-thread.ts), on a thread of their own at the
// lowest CPU priority: the event loop and the write thread get a core first whenever they want
// one. Each export makes at most PARTS_AHEAD parts beyond those the response has taken, and at
// most OPEN_EXPORTS are under way at once (each holds a batch of rows, packs included); the
// others wait their turn in the order they came, holding nothing but their request. The
// thread is one core's worth of work: running more at once would not end them sooner.
const OPEN_EXPORTS = 4;

const port = parentPort!;
const encoder = new TextEncoder();

lowestPriorityForThisThread();

type Run = { parts: AsyncGenerator<string>; credit: number; pumping: boolean };
const runs = new Map<number, Run>();
// Nothing is sent for an export still waiting, so it asks for no more parts before it starts.
const waiting = new Map<number, ExportJob>();

/** Starts the exports that waited, in order, while fewer than OPEN_EXPORTS are under way. */
function startWaiting() {
  for (const [n, job] of waiting) {
    if (runs.size >= OPEN_EXPORTS) return;
    waiting.delete(n);
    runs.set(n, { parts: exportParts(job), credit: PARTS_AHEAD, pumping: false });
    void pump(n);
  }
}

function end(n: number) {
  runs.delete(n);
  startWaiting();
}

async function pump(n: number) {
  const run = runs.get(n);
  if (!run || run.pumping) return;
  run.pumping = true;
  try {
    while (run.credit > 0 && runs.get(n) === run) {
      const next = await run.parts.next();
      if (next.done) {
        end(n);
        port.postMessage({ n, done: true } satisfies ExportReply);
        return;
      }
      run.credit--;
      // As UTF-8 in a buffer of its own, handed over rather than copied: the event loop's
      // thread never holds the part as a string (a long export's MBs of strings there
      // lengthened its garbage collections, which captures waited for).
      const part = encoder.encode(next.value);
      port.postMessage({ n, part } satisfies ExportReply, [part.buffer]);
    }
  } catch (err) {
    end(n);
    port.postMessage({ n, error: errorToWire(err) } satisfies ExportReply);
  } finally {
    run.pumping = false;
  }
}

port.on("message", (request: ExportRequest) => {
  const { n } = request;
  if ("start" in request) {
    waiting.set(n, request.start);
    return startWaiting();
  }
  if ("more" in request) {
    const run = runs.get(n);
    if (run) run.credit++;
    return void pump(n);
  }
  waiting.delete(n);
  const run = runs.get(n);
  if (!run) return;
  end(n);
  void run.parts.return(undefined);
});
