import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { Prisma } from "@/lib/generated/prisma/client";
import { openTestDb } from "../helpers/open-db";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// Retention in several batches on the database TEST_DATABASE names: each batch its own
// `retired` link over its own rows, oldest first; the chain verifies however the verifier pages
// through it (pages of 2 links put a row's links and its retirement on different pages), and a
// completed, redacted and reviewed turn goes with all its links.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("retire-batches", testDatabaseKind());
  process.env.DATABASE_URL = db.url;
  process.env.LOG_LEVEL = "silent";
  process.env.REDACT_SECRETS = "0";
  await migrateDatabase(db.url);
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/db")).database().connections.close();
  await db?.drop();
});

const T0 = Date.UTC(2020, 0, 1);
const body = (n: number) => ({
  prompt: `turn ${n}`, response: "", response_summary: "", project: "p", client: "c", session_id: n % 2 ? "odd" : "even",
  memories_used: [], chunks_used: [], context_pack: { memories: [{ id: `m${n % 3}`, content: "x" }] },
});

describe(`retiring in batches on ${testDatabaseKind()}`, () => {
  it("chains one retired link per batch, oldest rows first, and verifies at any page size", async () => {
    const { writeBatch } = await import("@/lib/import/write-batch");
    const ids = Array.from({ length: 8 }, (_, n) => `00000000-0000-4000-8000-00000000000${n}`);
    // Stored newest first, so seq order is not age order.
    await writeBatch(ids.map((id, n) => ({ input: { ...body(n), id }, createdAt: T0 + (8 - n) * 1000 })).reverse());
    const { completeInteraction } = await import("@/lib/interactions/complete-interaction");
    await completeInteraction(ids[7], { response: "done later" });
    const { redactInteraction } = await import("@/lib/redactions/redact");
    await redactInteraction(ids[7], { pointer: "/prompt", reason: "test" }, "test");

    const { retireBefore } = await import("@/lib/retention/retire");
    expect(await retireBefore(T0 + 8 * 1000, 3)).toBe(7);
    expect(await retireBefore(T0 + 8 * 1000, 3)).toBe(0);

    const { verifyStoredChain } = await import("@/lib/audit/verify-stored-chain");
    for (const batch of [2, 3, 1000]) {
      const run = await verifyStoredChain(db.url, { batch });
      expect(run.status, JSON.stringify(run.broken)).toBe("ok");
      expect(run.retired.count).toBe(7);
      // Newest link first: the oldest rows (the highest ids, stored first) went in the first batch.
      expect(run.retired.ranges.map((r) => r.count)).toEqual([1, 3, 3]);
      expect(run.retired.ranges.every((r) => r.before === new Date(T0 + 8000).toISOString())).toBe(true);
    }
    const t = await openTestDb(db.url);
    try {
      const left = await t.all<{ id: string }>(Prisma.sql`SELECT id FROM interactions`);
      expect(left.map((r) => r.id)).toEqual([ids[0]]);
      const retiredOrder = await t.all<{ row_id: string }>(Prisma.sql`SELECT row_id FROM retired_rows ORDER BY seq`);
      expect(retiredOrder.slice(0, 3).map((r) => r.row_id).sort()).toEqual([ids[5], ids[6], ids[7]]);
    } finally {
      await t.close();
    }
  });
});
