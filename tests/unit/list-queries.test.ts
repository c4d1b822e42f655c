import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlTestDatabase, type SeedRow, type SqlTestDatabase } from "../helpers/sql-rows";

// The viewer's queries against a real database built from the migrations (SQLite, or
// PostgreSQL with TEST_DATABASE=postgres): the histogram and facet caches must agree with a
// fresh count after new rows arrive.
let database: SqlTestDatabase;
let lib: {
  captureHistogram: typeof import("@/lib/interactions/capture-histogram").captureHistogram;
  findFacets: typeof import("@/lib/interactions/find-facets").findFacets;
  getSessionPosition: typeof import("@/lib/interactions/get-session-position").getSessionPosition;
};

const T0 = Date.UTC(2026, 10, 20);
const HOUR = 3_600_000;

const insert = async (rows: SeedRow[]): Promise<string[]> => (await database.insert(rows)).map((r) => r.id);

beforeAll(async () => {
  database = await createSqlTestDatabase("queries");
  process.env.DATABASE_URL = database.url;
  lib = {
    captureHistogram: (await import("@/lib/interactions/capture-histogram")).captureHistogram,
    findFacets: (await import("@/lib/interactions/find-facets")).findFacets,
    getSessionPosition: (await import("@/lib/interactions/get-session-position")).getSessionPosition,
  };
}, 60_000);
afterAll(async () => {
  await (await import("@/lib/db/prisma")).prisma().$disconnect();
  await (await import("@/lib/db/postgres")).closePgPool();
  await database?.close();
});

describe("captureHistogram", () => {
  it("tiles the range, sums to the matches, and stays exact as rows arrive", async () => {
    await insert(Array.from({ length: 30 }, (_, i) => ({ project: i % 2 ? "a" : "b", created_at: T0 + i * HOUR })));
    const now = T0 + 40 * HOUR;
    const h = await lib.captureHistogram({}, 10, now);
    expect(h.total).toBe(30);
    expect(h.buckets[0].start).toBe(T0);
    expect(h.buckets.at(-1)!.end).toBeGreaterThanOrEqual(now);
    for (let i = 1; i < h.buckets.length; i++) expect(h.buckets[i].start).toBe(h.buckets[i - 1].end);
    expect((await lib.captureHistogram({ project: "a" }, 10, now)).total).toBe(15);

    // Served again from the cache, then updated from the new rows only.
    expect((await lib.captureHistogram({}, 10, now)).buckets).toEqual(h.buckets);
    await insert([{ project: "a", created_at: T0 + 35 * HOUR }, { project: "b", created_at: T0 + 2 * HOUR }]);
    const updated = await lib.captureHistogram({}, 10, now);
    const fresh = await lib.captureHistogram({}, 11, now);
    expect(updated.total).toBe(32);
    expect(fresh.total).toBe(32);
    expect(updated.buckets.map((b) => b.count).reduce((a, b) => a + b)).toBe(32);
    expect((await lib.captureHistogram({ project: "a" }, 10, now)).total).toBe(16);

    // since/until bound it exactly.
    expect((await lib.captureHistogram({ since: T0 + 10 * HOUR, until: T0 + 20 * HOUR }, 7, now)).total).toBe(10);
    expect((await lib.captureHistogram({ project: "nobody" }, 10, now)).buckets).toEqual([]);
  });
});

describe("findFacets", () => {
  it("counts projects and clients, most used first, and keeps up with new rows", async () => {
    await insert([{ project: "zeta", client: "c1", created_at: T0 }, { project: "zeta", client: "c2", created_at: T0 }]);
    const first = await lib.findFacets();
    const zeta = first.project.find((f) => f.value === "zeta");
    expect(zeta?.count).toBe(2);
    await insert([{ project: "zeta", client: "c1", created_at: T0 }, { project: "new-one", created_at: T0 }]);
    const next = await lib.findFacets();
    expect(next.project.find((f) => f.value === "zeta")?.count).toBe(3);
    expect(next.project.find((f) => f.value === "new-one")?.count).toBe(1);
    expect(next.client.find((f) => f.value === "c1")?.count).toBe(2);
    const counts = next.project.map((f) => f.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe("getSessionPosition", () => {
  it("places a turn in its session with its neighbours, ties broken by capture order", async () => {
    const ids = await insert([
      { session_id: "s-pos", created_at: T0 + 1 },
      { session_id: "s-pos", created_at: T0 + 2 },
      { session_id: "s-pos", created_at: T0 + 2 },
      { session_id: "other", created_at: T0 + 2 },
    ]);
    expect(await lib.getSessionPosition(ids[1])).toEqual({ session_id: "s-pos", turn: 2, turns: 3, previous_id: ids[0], next_id: ids[2] });
    expect(await lib.getSessionPosition(ids[0])).toMatchObject({ turn: 1, previous_id: null });
    expect(await lib.getSessionPosition(ids[2])).toMatchObject({ turn: 3, next_id: null });
    const [lonely] = await insert([{ created_at: T0 }]);
    expect(await lib.getSessionPosition(lonely)).toBeNull();
    await expect(lib.getSessionPosition("missing")).rejects.toThrow(/No interaction/);
  });
});
