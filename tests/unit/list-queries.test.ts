import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlTestDatabase, type SeedRow, type SqlTestDatabase } from "../helpers/sql-rows";

// The viewer's queries against a real database built from the migrations (SQLite, or
// PostgreSQL with TEST_DATABASE=postgres): the histogram and facet caches must agree with a
// fresh count after new rows arrive.
let database: SqlTestDatabase;
let lib: {
  captureHistogram: typeof import("@/lib/interactions/capture-histogram").captureHistogram;
  findFacets: typeof import("@/lib/interactions/find-facets").findFacets;
  findFilteredFacets: typeof import("@/lib/interactions/find-filtered-facets").findFilteredFacets;
  findListPosition: typeof import("@/lib/interactions/find-list-position").findListPosition;
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
    findFilteredFacets: (await import("@/lib/interactions/find-filtered-facets")).findFilteredFacets,
    findListPosition: (await import("@/lib/interactions/find-list-position")).findListPosition,
    getSessionPosition: (await import("@/lib/interactions/get-session-position")).getSessionPosition,
  };
}, 60_000);
afterAll(async () => {
  await (await import("@/lib/db")).database().connections.close();
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

describe("findFilteredFacets", () => {
  const countOf = (facets: { value: string; count: number }[], value: string) => facets.find((f) => f.value === value)?.count;

  it("counts each menu under every filter but its own, exactly while the matches are few", async () => {
    const rows: SeedRow[] = [
      ...Array.from({ length: 3 }, () => ({ project: "ff-a", client: "ff-c1", created_at: T0 + HOUR })),
      { project: "ff-a", client: "ff-c2", created_at: T0 + HOUR },
      ...Array.from({ length: 2 }, () => ({ project: "ff-b", client: "ff-c1", created_at: T0 + 2 * HOUR })),
    ];
    await insert(rows);
    const byClient = await lib.findFilteredFacets({ client: "ff-c1" });
    expect(byClient.basis).toEqual({ kind: "exact" });
    expect(byClient.project.filter((f) => f.value.startsWith("ff-"))).toEqual([{ value: "ff-a", count: 3 }, { value: "ff-b", count: 2 }]);
    // The client menu has no other filter: every interaction's clients.
    expect(countOf(byClient.client, "ff-c2")).toBe(1);

    const both = await lib.findFilteredFacets({ project: "ff-a", client: "ff-c1" });
    expect(countOf(both.project, "ff-a")).toBe(3);
    expect(countOf(both.project, "ff-b")).toBe(2);
    expect(both.client).toEqual([{ value: "ff-c1", count: 3 }, { value: "ff-c2", count: 1 }]);

    // A time bound narrows both menus; a new row is counted at once.
    const later = await lib.findFilteredFacets({ project: "ff-b", since: T0 + 2 * HOUR });
    expect(later.client).toEqual([{ value: "ff-c1", count: 2 }]);
    await insert([{ project: "ff-b", client: "ff-c3", created_at: T0 + 3 * HOUR }]);
    expect((await lib.findFilteredFacets({ project: "ff-b", since: T0 + 2 * HOUR })).client).toEqual([
      { value: "ff-c1", count: 2 },
      { value: "ff-c3", count: 1 },
    ]);
  });

  it("estimates from the newest matches beyond the sample, scaled to the number of matches, and says so", async () => {
    const { FACET_SAMPLE } = await import("@/lib/interactions/find-filtered-facets");
    const n = FACET_SAMPLE + 200;
    await insert(Array.from({ length: n }, (_, i) => ({ project: "ff-big", client: i % 4 === 0 ? "ff-rare" : "ff-common", created_at: T0 + i })));
    const estimated = await lib.findFilteredFacets({ project: "ff-big" }, n);
    expect(estimated.basis).toEqual({ kind: "estimate", sample: FACET_SAMPLE, matches: n });
    // The project menu has no other filter: the exact counts of every interaction.
    expect(estimated.estimated).toEqual({ project: false, client: true });
    expect(countOf(estimated.client, "ff-rare")).toBe(Math.round((250 * n) / FACET_SAMPLE));
    expect(countOf(estimated.client, "ff-common")).toBe(Math.round((750 * n) / FACET_SAMPLE));
    // The selected client's own menu entry is the number of matches.
    const selected = await lib.findFilteredFacets({ project: "ff-big", client: "ff-common" }, 900);
    expect(countOf(selected.client, "ff-common")).toBe(900);
    // Without the number of matches, the sample's own counts, marked as such.
    const sampled = await lib.findFilteredFacets({ project: "ff-big" });
    expect(sampled.basis).toEqual({ kind: "sample", sample: FACET_SAMPLE });
    expect(sampled.client.reduce((a, f) => a + f.count, 0)).toBe(FACET_SAMPLE);
  }, 30_000);
});

describe("findListPosition", () => {
  it("counts the rows before a page from the histogram and one bucket, ties included", async () => {
    // 40 rows a minute apart, the 21st and 22nd at the same instant.
    const times = Array.from({ length: 40 }, (_, i) => T0 + 100 * HOUR + (i === 21 ? 20 : i) * 60_000);
    await insert(times.map((t) => ({ project: "pos-p", created_at: t })));
    const now = T0 + 200 * HOUR;
    const histogram = await lib.captureHistogram({ project: "pos-p" }, 7, now);
    expect(histogram.total).toBe(40);
    const page = async (at: number, limit: number) => {
      const { findInteractionPage } = await import("@/lib/interactions/find-interactions");
      const { decodeCursor } = await import("@/lib/interactions/cursor");
      const found = await findInteractionPage({ project: "pos-p", limit, cursor: { createdAt: at + 1, seq: 0 } });
      return lib.findListPosition({ project: "pos-p" }, decodeCursor(found.newer_cursor!)!, found.interactions.length, histogram);
    };
    // Newest first: row 39 is 1st, row i is (40 - i)th; rows 20 and 21 share an instant (21 newer by seq).
    expect(await page(times[30], 5)).toEqual({ first: 10, last: 14, total: 40 });
    expect(await page(times[20], 5)).toEqual({ first: 19, last: 23, total: 40 });
    expect(await page(times[2], 5)).toEqual({ first: 38, last: 40, total: 40 });
  }, 30_000);
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
