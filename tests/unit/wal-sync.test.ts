import { beforeEach, describe, expect, it, vi } from "vitest";

// The group-commit barrier: every caller is answered only by an fsync that STARTED after it
// called (so it covers that caller's commit), and callers that arrive while one runs share one.
const fsyncs: { resolve: () => void; reject: (e: Error) => void }[] = [];
vi.mock("node:fs/promises", () => ({
  open: async () => ({
    sync: () => new Promise<void>((resolve, reject) => fsyncs.push({ resolve, reject })),
    close: async () => {},
  }),
}));
const { walSyncer } = await import("@/lib/db/wal-sync");

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  fsyncs.length = 0;
});

describe("walSyncer", () => {
  it("answers a caller only with an fsync that started after its call, shared by later callers", async () => {
    const synced = walSyncer("/tmp/x-wal");
    const done: string[] = [];
    synced().then(() => done.push("a"));
    await flush();
    expect(fsyncs).toHaveLength(1);
    // b and c commit while a's fsync runs: it may not cover them, so they wait for the next.
    synced().then(() => done.push("b"));
    synced().then(() => done.push("c"));
    await flush();
    expect(fsyncs).toHaveLength(1);
    fsyncs[0].resolve();
    await flush();
    expect(done).toEqual(["a"]);
    expect(fsyncs).toHaveLength(2);
    fsyncs[1].resolve();
    await flush();
    expect(done).toEqual(["a", "b", "c"]);
  });

  it("passes a failed fsync to its callers and still serves the next ones", async () => {
    const synced = walSyncer("/tmp/x-wal");
    const first = synced();
    const waiting = synced();
    await flush();
    fsyncs[0].reject(new Error("EIO"));
    await expect(first).rejects.toThrow("EIO");
    await flush();
    fsyncs[1].resolve();
    await expect(waiting).resolves.toBeUndefined();
  });
});
