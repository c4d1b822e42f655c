import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";

// Both connections of a server process are durable before anything is acknowledged:
// Prisma's runs WAL with synchronous=FULL (better-sqlite3's default under WAL is NORMAL,
// which a Prisma write would otherwise silently use); the write connection commits with
// NORMAL and every writer awaits the shared WAL fsync of lib/db/sqlite/wal-sync.ts (group commit,
// tests/unit/wal-sync.test.ts) before answering, which is as durable as FULL.
beforeAll(() => {
  const file = tempDbFile("durability");
  migrateSqlite(file);
  process.env.DATABASE_URL = `file:${file}`;
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db/prisma");
  await prisma().$disconnect();
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

  it("Prisma's connection runs synchronous=FULL too", async () => {
    const { prisma } = await import("@/lib/db/prisma");
    const [sync] = await prisma().$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
    const [busy] = await prisma().$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    expect(Number(sync.synchronous)).toBe(2);
    expect(Number(busy.timeout)).toBe(5000);
  });
});
