import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";

// The write connection is durable before anything is acknowledged: it commits with
// NORMAL and every writer awaits the shared WAL fsync of lib/db/sqlite/wal-sync.ts (group commit,
// tests/unit/wal-sync.test.ts) before answering, which is as durable as FULL.
beforeAll(() => {
  const file = tempDbFile("durability");
  migrateSqlite(file);
  process.env.DATABASE_URL = `file:${file}`;
});
afterAll(async () => {
  (await import("@/lib/db/sqlite/connection")).closeSqlite();
});

describe("durability settings", () => {
  it("the write connection runs WAL with group commit and a busy timeout", async () => {
    const { sqlite, committedDurably } = await import("@/lib/db/sqlite/connection");
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite().pragma("synchronous", { simple: true })).toBe(1);
    expect(sqlite().pragma("busy_timeout", { simple: true })).toBe(5000);
    // Savepoints' sub-journals in memory, not spilled to temporary files (lib/db/sqlite/pragmas.ts).
    expect(sqlite().pragma("temp_store", { simple: true })).toBe(2);
    await expect(committedDurably()).resolves.toBeUndefined();
  });
});
