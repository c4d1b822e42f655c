import { closeSync, fdatasync, fdatasyncSync, openSync } from "node:fs";

export type WalSyncer = {
  /** Resolves once every commit made before the call is on disk (flushed on libuv's thread pool). */
  synced: () => Promise<void>;
  /** Flushes every commit made so far, blocking this thread: for a thread that has nothing else to do meanwhile. */
  syncNow: () => void;
  /** Closes the WAL's file descriptor (with the write connection, whose WAL it is). */
  close: () => Promise<void>;
};

/**
 * Group commit for the write connection. It commits with synchronous=NORMAL (the WAL is
 * written, not yet flushed) and every writer awaits synced() before acknowledging: one
 * fdatasync of the WAL file makes every commit made before it durable, as synchronous=FULL
 * would (SQLite itself syncs the WAL with fdatasync). It runs on libuv's thread pool, so the
 * event loop keeps serving requests meanwhile, and writers that commit while one runs share
 * the next one.
 *
 * The WAL's descriptor stays open: opening and closing it around each flush would cost two more
 * trips through the thread pool, and under load each trip waits for a turn of the busy event
 * loop, far longer than the flush itself. It stays valid
 * because SQLite deletes a WAL only when its last connection closes, and the write connection
 * (whose WAL this is) stays open until close() is called with it. A failed flush drops the
 * descriptor, so the next writer starts from a fresh one.
 */
export function walSyncer(walFile: string): WalSyncer {
  let fd: number | null = null;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  const drop = (failed: number) => {
    if (fd !== failed) return;
    fd = null;
    try {
      closeSync(failed);
    } catch {
      // already unusable; the next flush opens a fresh one
    }
  };

  const descriptor = () => (fd ??= openSync(walFile, "r"));

  const flush = () =>
    new Promise<void>((resolve, reject) => {
      const current = descriptor();
      fdatasync(current, (err) => {
        if (!err) return resolve();
        drop(current);
        reject(err);
      });
    });

  const synced = (): Promise<void> => {
    if (!running) {
      running = flush().finally(() => (running = null));
      return running;
    }
    // The running flush may have started before this writer's commit: wait for the next.
    next ??= running
      .catch(() => {})
      .then(() => {
        next = null;
        return synced();
      });
    return next;
  };

  const syncNow = () => {
    const current = descriptor();
    try {
      fdatasyncSync(current);
    } catch (err) {
      drop(current);
      throw err;
    }
  };

  const close = async () => {
    await running?.catch(() => {});
    if (fd !== null) drop(fd);
  };
  return { synced, syncNow, close };
}
