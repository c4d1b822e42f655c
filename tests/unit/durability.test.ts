import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/migrate";
import { tempDbFile } from "../helpers/server";

// Both connections of a server process (ours for writes, Prisma's for reads) must run with
// WAL and synchronous=FULL: better-sqlite3's default under WAL is NORMAL, which a Prisma
// write would otherwise silently use.
beforeAll(() => {
  const file = tempDbFile("durability");
  migrateSqlite(file);
  process.env.DATABASE_URL = `file:${file}`;
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db/prisma");
  await prisma().$disconnect();
  (await import("@/lib/db/sqlite")).closeSqlite();
});

describe("durability settings", () => {
  it("the write connection runs WAL, synchronous=FULL and a busy timeout", async () => {
    const { sqlite } = await import("@/lib/db/sqlite");
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite().pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite().pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("Prisma's connection runs synchronous=FULL too", async () => {
    const { prisma } = await import("@/lib/db/prisma");
    const [sync] = await prisma().$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
    const [busy] = await prisma().$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    expect(Number(sync.synchronous)).toBe(2);
    expect(Number(busy.timeout)).toBe(5000);
  });
});
