/**
 * Group commit for a process: calls made while a run is in flight wait and go together in the
 * next run, up to `maxWeight` (a call heavier than that runs alone), so one transaction and one
 * hold of the write lock serve every request that queued meanwhile. The first call after a
 * quiet moment runs at once: no timer, no added wait.
 *
 * `run` gets the items in the order they came and returns one result per item. Should a run of
 * several items fail with an error `rerunAlone` says is safe to repeat (nothing of that run
 * was stored), each item runs again on its own, so that one item the database refuses fails
 * only its own request; any other error fails every item of the run.
 */
export function groupCommit<I, O>(opts: {
  run: (items: readonly I[]) => Promise<O[]>;
  weight: (item: I) => number;
  maxWeight: number;
  rerunAlone: (err: unknown) => boolean;
}): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  const queue: Waiting[] = [];
  let running = false;

  // The queue's head always goes; the calls after it while they fit.
  const takeGroup = (): Waiting[] => {
    let weight = 0;
    let n = 0;
    for (; n < queue.length; n++) {
      weight += opts.weight(queue[n].item);
      if (n > 0 && weight > opts.maxWeight) break;
    }
    return queue.splice(0, n);
  };

  async function runAlone(w: Waiting) {
    try {
      w.resolve((await opts.run([w.item]))[0]);
    } catch (err) {
      w.reject(err);
    }
  }

  async function drain() {
    running = true;
    while (queue.length > 0) {
      const group = takeGroup();
      try {
        const results = await opts.run(group.map((w) => w.item));
        group.forEach((w, i) => w.resolve(results[i]));
      } catch (err) {
        if (group.length > 1 && opts.rerunAlone(err)) await Promise.all(group.map(runAlone));
        else for (const w of group) w.reject(err);
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
