import { beforeEach, describe, expect, it, vi } from "vitest";

// The group-commit barrier: every caller is answered only by a flush that STARTED after it
// called (so it covers that caller's commit), and callers that arrive while one runs share one.
// The WAL's handle is opened once and kept; a failed flush drops it for a fresh one.
const flushes: { resolve: () => void; reject: (e: Error) => void }[] = [];
const handles = { opened: 0, closed: 0, syncFlushes: 0 };
let failNextSyncFlush = false;
vi.mock("node:fs", () => ({
  openSync: () => ++handles.opened,
  closeSync: () => void handles.closed++,
  fdatasync: (_fd: number, cb: (err: Error | null) => void) =>
    flushes.push({ resolve: () => cb(null), reject: (e) => cb(e) }),
  fdatasyncSync: () => {
    handles.syncFlushes++;
    if (failNextSyncFlush) {
      failNextSyncFlush = false;
      throw new Error("EIO");
    }
  },
}));
const { walSyncer } = await import("@/lib/db/sqlite/wal-sync");

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  flushes.length = 0;
  handles.opened = handles.closed = handles.syncFlushes = 0;
});

describe("walSyncer", () => {
  it("answers a caller only with a flush that started after its call, shared by later callers", async () => {
    const { synced } = walSyncer("/tmp/x-wal");
    const done: string[] = [];
    synced().then(() => done.push("a"));
    await flush();
    expect(flushes).toHaveLength(1);
    // b and c commit while a's flush runs: it may not cover them, so they wait for the next.
    synced().then(() => done.push("b"));
    synced().then(() => done.push("c"));
    await flush();
    expect(flushes).toHaveLength(1);
    flushes[0].resolve();
    await flush();
    expect(done).toEqual(["a"]);
    expect(flushes).toHaveLength(2);
    flushes[1].resolve();
    await flush();
    expect(done).toEqual(["a", "b", "c"]);
    // Both flushes went through the one handle.
    expect(handles).toMatchObject({ opened: 1, closed: 0 });
  });

  it("passes a failed flush to its callers, drops that handle and still serves the next ones", async () => {
    const { synced, close } = walSyncer("/tmp/x-wal");
    const first = synced();
    const waiting = synced();
    await flush();
    flushes[0].reject(new Error("EIO"));
    await expect(first).rejects.toThrow("EIO");
    await flush();
    expect(handles).toMatchObject({ opened: 2, closed: 1 });
    flushes[1].resolve();
    await expect(waiting).resolves.toBeUndefined();
    await close();
    expect(handles).toMatchObject({ opened: 2, closed: 2 });
  });

  it("close() waits for the running flush before closing the handle", async () => {
    const { synced, close } = walSyncer("/tmp/x-wal");
    const first = synced();
    await flush();
    const closing = close();
    await flush();
    expect(handles.closed).toBe(0);
    flushes[0].resolve();
    await first;
    await closing;
    expect(handles.closed).toBe(1);
  });
});

describe("syncNow", () => {
  it("flushes on the calling thread through the same descriptor, and drops it when a flush fails", async () => {
    const { synced, syncNow, close } = walSyncer("/tmp/x-wal");
    syncNow();
    syncNow();
    expect(handles).toEqual({ opened: 1, closed: 0, syncFlushes: 2 });
    failNextSyncFlush = true;
    expect(() => syncNow()).toThrow("EIO");
    expect(handles).toEqual({ opened: 1, closed: 1, syncFlushes: 3 });
    // The next flush, of either kind, opens a fresh one.
    const later = synced();
    await flush();
    flushes[0].resolve();
    await later;
    expect(handles.opened).toBe(2);
    await close();
    expect(handles.closed).toBe(2);
  });
});
