import { processState } from "@/lib/process-state";

// Heavy reads (a transcript window, a 3,000-item pack's page) are done in steps so that a
// capture is not kept waiting behind them. Yielding with setImmediate alone was not enough:
// every page under way queues a step, and one turn of the event loop runs all the steps queued
// before it, so with four readers a capture's every hop (its body, the write thread's answer)
// waited behind four steps. Here the steps of all requests share one queue and one step runs
// per turn of the event loop: a capture waits for one step at most, and the pages, which share
// one thread anyway, finish in about the same total time.

type Queue = { waiting: (() => void)[]; scheduled: boolean };

const queue = () => processState<Queue>("render-steps", () => ({ waiting: [], scheduled: false }));

function runOne(): void {
  const q = queue();
  const next = q.waiting.shift();
  q.scheduled = q.waiting.length > 0;
  // Scheduled from this turn's check phase, so it runs on the next turn, after that turn's I/O.
  if (q.scheduled) setImmediate(runOne);
  next?.();
}

/** Resolves on a later turn of the event loop, once the steps queued before this one have had theirs. */
export function nextStep(): Promise<void> {
  const q = queue();
  return new Promise((resolve) => {
    q.waiting.push(resolve);
    if (!q.scheduled) {
      q.scheduled = true;
      setImmediate(runOne);
    }
  });
}
