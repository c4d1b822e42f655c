import { parentPort } from "node:worker_threads";
import { lowestPriorityForThisThread } from "@/lib/lowest-priority";
import { errorToWire } from "@/lib/errors";
import { exportParts } from "@/lib/export/export-parts";
import { PARTS_AHEAD, type ExportReply, type ExportRequest } from "@/lib/export/export-thread";

// Exports in the server (lib/export/export-thread.ts), on a thread of their own at the
// lowest CPU priority: the event loop and the write thread get a core first whenever they want
// one. Each export makes at most PARTS_AHEAD parts beyond those the response has taken.

const port = parentPort!;

lowestPriorityForThisThread();

type Run = { parts: AsyncGenerator<string>; credit: number; pumping: boolean };
const runs = new Map<number, Run>();

async function pump(n: number) {
  const run = runs.get(n);
  if (!run || run.pumping) return;
  run.pumping = true;
  try {
    while (run.credit > 0 && runs.get(n) === run) {
      const next = await run.parts.next();
      if (next.done) {
        runs.delete(n);
        port.postMessage({ n, done: true } satisfies ExportReply);
        return;
      }
      run.credit--;
      port.postMessage({ n, part: next.value } satisfies ExportReply);
    }
  } catch (err) {
    runs.delete(n);
    port.postMessage({ n, error: errorToWire(err) } satisfies ExportReply);
  } finally {
    run.pumping = false;
  }
}

port.on("message", (request: ExportRequest) => {
  const { n } = request;
  if ("start" in request) {
    runs.set(n, { parts: exportParts(request.start), credit: PARTS_AHEAD, pumping: false });
  } else if ("more" in request) {
    const run = runs.get(n);
    if (run) run.credit++;
  } else {
    const run = runs.get(n);
    runs.delete(n);
    void run?.parts.return(undefined);
    return;
  }
  void pump(n);
});
