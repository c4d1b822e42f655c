import { open } from "node:fs/promises";

/**
 * Group commit for the write connection. It commits with synchronous=NORMAL (the WAL is
 * written, not yet flushed) and every writer awaits the function returned here before
 * acknowledging: one fsync of the WAL file makes every commit made before it durable, as
 * synchronous=FULL would. The fsync runs on libuv's thread pool, so the event loop keeps
 * serving requests meanwhile, and writers that commit while one runs share the next one.
 */
export function walSyncer(walFile: string): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  const fsyncWal = async () => {
    const handle = await open(walFile, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };

  const synced = (): Promise<void> => {
    if (!running) {
      running = fsyncWal().finally(() => (running = null));
      return running;
    }
    // The running fsync may have started before this writer's commit: wait for the next.
    next ??= running
      .catch(() => {})
      .then(() => {
        next = null;
        return synced();
      });
    return next;
  };
  return synced;
}
