import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCursor } from "@/lib/interactions/cursor";
import type { ListQuery } from "@/lib/interactions/schema";
import { SessionDetailSchema } from "@/lib/sessions/schema";
import { parseSearch } from "@/lib/search/fts-query";
import { closeReads, createSqlTestDatabase, type SeedRow, type SqlTestDatabase } from "../helpers/sql-rows";
import { testDatabaseKind } from "../helpers/test-database";

// Every read of the viewer and the API against a database seeded with SQL: the same
// assertions on SQLite and, with TEST_DATABASE=postgres, on PostgreSQL, so both answer alike
// (list paging, filters, full-text search, sessions, the reverse lookup, usage, export).
let database: SqlTestDatabase;
let lib: {
  findInteractionPage: typeof import("@/lib/interactions/find-interactions").findInteractionPage;
  captureHistogram: typeof import("@/lib/interactions/capture-histogram").captureHistogram;
  findSessionPage: typeof import("@/lib/sessions/find-sessions").findSessionPage;
  getSession: typeof import("@/lib/sessions/get-session").getSession;
  getSessionTurns: typeof import("@/lib/sessions/get-session-turns").getSessionTurns;
  findItemInteractionPage: typeof import("@/lib/usage/find-item-interactions").findItemInteractionPage;
  getItemUsage: typeof import("@/lib/usage/get-item-usage").getItemUsage;
  iterateInteractions: typeof import("@/lib/export/iterate-interactions").iterateInteractions;
};

const T0 = Date.UTC(2026, 10, 20);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const ROWS: SeedRow[] = [
  { session_id: "s1", project: "alpha", client: "cli", prompt: "Rotate the API keys", response: "Keys rotated", created_at: T0 + HOUR, memories_used: ["m1", "m2"] },
  { session_id: "s1", project: "alpha", client: "cli", prompt: "Déployer la version 2", response: "déploiement fait", created_at: T0 + 2 * HOUR, memories_used: ["m2"] },
  { session_id: "s1", project: "beta", client: "web", prompt: "check /usr/bin/env and foo-bar", created_at: T0 + 3 * HOUR, chunks_used: ["c1"] },
  { session_id: "s2", project: "beta", client: "web", prompt: "rotation of the logs", response_summary: "rotated logs", created_at: T0 + 3 * HOUR, memories_used: ["m2"] },
  { project: "alpha", client: "web", prompt: "nothing about keys here", created_at: T0 + 4 * HOUR },
  ...Array.from({ length: 20 }, (_, i) => ({ session_id: "s3", project: "gamma", client: "bulk", prompt: `bulk row ${i}`, created_at: T0 + 10 * HOUR + i * MINUTE })),
];
// Row n of ROWS (1-based, as in the assertions) -> its id.
let idOf: (n: number) => string;
const bulk = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => to - i).map((n) => n + 6);

const q = (text: string) => {
  const r = parseSearch(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const ids = async (query: Partial<ListQuery>) =>
  (await lib.findInteractionPage({ limit: 50, ...query })).interactions.map((r) => r.id);
const rowsNumbered = (...ns: number[]) => ns.map((n) => idOf(n));

beforeAll(async () => {
  database = await createSqlTestDatabase("reads");
  const seeded = await database.insert(ROWS);
  idOf = (n) => seeded[n - 1].id;
  process.env.DATABASE_URL = database.url;
  lib = {
    findInteractionPage: (await import("@/lib/interactions/find-interactions")).findInteractionPage,
    captureHistogram: (await import("@/lib/interactions/capture-histogram")).captureHistogram,
    findSessionPage: (await import("@/lib/sessions/find-sessions")).findSessionPage,
    getSession: (await import("@/lib/sessions/get-session")).getSession,
    getSessionTurns: (await import("@/lib/sessions/get-session-turns")).getSessionTurns,
    findItemInteractionPage: (await import("@/lib/usage/find-item-interactions")).findItemInteractionPage,
    getItemUsage: (await import("@/lib/usage/get-item-usage")).getItemUsage,
    iterateInteractions: (await import("@/lib/export/iterate-interactions")).iterateInteractions,
  };
}, 60_000);
afterAll(() => closeReads(database));

describe("the list", () => {
  it("pages newest first by keyset, ties in capture order, and back towards the present", async () => {
    const everything = rowsNumbered(...bulk(0, 19), 5, 4, 3, 2, 1);
    const seen: string[] = [];
    let page = await lib.findInteractionPage({ limit: 7 });
    const first = page;
    for (;;) {
      seen.push(...page.interactions.map((r) => r.id));
      if (!page.next_cursor) break;
      page = await lib.findInteractionPage({ limit: 7, cursor: decodeCursor(page.next_cursor)! });
    }
    expect(seen).toEqual(everything);
    const second = await lib.findInteractionPage({ limit: 7, cursor: decodeCursor(first.next_cursor!)! });
    const back = await lib.findInteractionPage({ limit: 7, after: decodeCursor(second.newer_cursor!)! });
    expect(back.interactions.map((r) => r.id)).toEqual(first.interactions.map((r) => r.id));
  });

  it("filters by project, client, session and time as instants", async () => {
    expect(await ids({ project: "alpha" })).toEqual(rowsNumbered(5, 2, 1));
    expect(await ids({ client: "web" })).toEqual(rowsNumbered(5, 4, 3));
    expect(await ids({ session_id: "s1" })).toEqual(rowsNumbered(3, 2, 1));
    expect(await ids({ since: T0 + 2 * HOUR, until: T0 + 4 * HOUR })).toEqual(rowsNumbered(4, 3, 2));
    expect(await ids({ project: "alpha", client: "web", since: T0 + 2 * HOUR })).toEqual(rowsNumbered(5));
  });

  it("reads every field back as captured, but the pack (the page shows none)", async () => {
    const [row] = (await lib.findInteractionPage({ limit: 1, session_id: "s1", until: T0 + HOUR + 1 })).interactions;
    expect(row).toEqual({
      id: idOf(1),
      prompt: "Rotate the API keys",
      response: "Keys rotated",
      response_summary: "",
      project: "alpha",
      client: "cli",
      session_id: "s1",
      memories_used: ["m1", "m2"],
      chunks_used: [],
      created_at: iso(T0 + HOUR),
      response_added_at: null,
      occurred_at: null,
      review: null,
    });
  });
});

describe("full-text search", () => {
  it.each([
    ["keys", [5, 1]],
    ["KEYS rotated", [1]],
    ["rotat*", [4, 1]],
    ['"api keys"', [1]],
    ['"keys api"', []],
    ["deployer", [2]],
    ["deploy*", [2]],
    ["DÉPLOIEMENT", [2]],
    ["usr", [3]],
    ['"foo bar"', [3]],
    ["foo-bar", [3]],
    ['"usr bin"*', [3]],
    ["keys NOT rotated", [5]],
    ["logs OR version", [4, 2]],
    // NOT binds tighter than OR, as in FTS5: logs OR (keys NOT rotated).
    ["logs OR keys NOT rotated", [5, 4]],
    ["rotat* NOT logs", [1]],
    ["key", []],
  ])("%s finds rows %j", async (text, rows) => {
    expect(await ids({ q: q(text) })).toEqual(rowsNumbered(...rows));
  });

  it("combines with the other filters and pages like the list", async () => {
    expect(await ids({ q: q("keys"), project: "alpha" })).toEqual(rowsNumbered(5, 1));
    expect(await ids({ q: q("keys"), client: "cli" })).toEqual(rowsNumbered(1));
    expect(await ids({ q: q("rotat*"), since: T0 + 2 * HOUR })).toEqual(rowsNumbered(4));
    const first = await lib.findInteractionPage({ limit: 8, q: q("bulk") });
    const second = await lib.findInteractionPage({ limit: 8, q: q("bulk"), cursor: decodeCursor(first.next_cursor!)! });
    expect([...first.interactions, ...second.interactions].map((r) => r.id)).toEqual(rowsNumbered(...bulk(4, 19)));
    const back = await lib.findInteractionPage({ limit: 8, q: q("bulk"), after: decodeCursor(second.newer_cursor!)! });
    expect(back.interactions).toEqual(first.interactions);
  });

  it("counts matches per time bucket", async () => {
    const now = T0 + 11 * HOUR;
    const all = await lib.captureHistogram({ q: q("bulk") }, 4, now);
    expect(all.total).toBe(20);
    expect(all.buckets[0].start).toBe(T0 + 10 * HOUR);
    const some = await lib.captureHistogram({ q: q("rotat* OR keys"), since: T0, until: T0 + 6 * HOUR }, 6, now);
    expect(some.buckets.map((b) => b.count)).toEqual([0, 1, 0, 1, 1, 0]);
  });
});

describe("sessions", () => {
  const sessionIds = async (query: Partial<ListQuery>) =>
    (await lib.findSessionPage({ limit: 10, ...query })).sessions.map((s) => s.session_id);

  it("lists sessions by latest activity with their summaries", async () => {
    const page = await lib.findSessionPage({ limit: 10 });
    expect(page.sessions.map((s) => s.session_id)).toEqual(["s3", "s2", "s1"]);
    expect(page.sessions[2]).toEqual({
      session_id: "s1",
      turns: 3,
      projects: ["alpha", "beta"],
      clients: ["cli", "web"],
      first_at: iso(T0 + HOUR),
      last_at: iso(T0 + 3 * HOUR),
      first_prompt: expect.any(String),
      review: null,
    });
  });

  it("filters like the list, search included, and pages by keyset", async () => {
    expect(await sessionIds({ project: "beta" })).toEqual(["s2", "s1"]);
    expect(await sessionIds({ client: "cli" })).toEqual(["s1"]);
    expect(await sessionIds({ project: "alpha", client: "cli" })).toEqual(["s1"]);
    expect(await sessionIds({ project: "alpha", client: "web" })).toEqual([]);
    expect(await sessionIds({ since: T0 + 2 * HOUR + 1 })).toEqual(["s3", "s2", "s1"]);
    expect(await sessionIds({ until: T0 + 2 * HOUR })).toEqual(["s1"]);
    expect(await sessionIds({ q: q("rotation") })).toEqual(["s2"]);
    expect(await sessionIds({ q: q("keys OR bulk") })).toEqual(["s3", "s1"]);
    const seen: string[] = [];
    let cursor: ListQuery["cursor"];
    for (;;) {
      const page = await lib.findSessionPage({ limit: 1, cursor });
      seen.push(...page.sessions.map((s) => s.session_id));
      if (!page.next_cursor) break;
      cursor = decodeCursor(page.next_cursor)!;
    }
    expect(seen).toEqual(["s3", "s2", "s1"]);
    // The last cursor names s2 (the last page's first row): the page before it is s3.
    const back = await lib.findSessionPage({ limit: 1, after: cursor });
    expect(back.sessions.map((s) => s.session_id)).toEqual(["s3"]);
  });

  it("reads a session's turns in order, page by page, numbered", async () => {
    // The page is streamed as JSON text, a turn at a time.
    const getSession = async (...args: Parameters<typeof lib.getSession>) => SessionDetailSchema.parse(JSON.parse(await new Response(await lib.getSession(...args)).text()));
    const first = await getSession("s1", { limit: 2 });
    expect(first.turns.map((t) => [t.id, t.turn])).toEqual([[idOf(1), 1], [idOf(2), 2]]);
    expect((await getSession("s1", { limit: 0 })).turns).toEqual([]);
    const rest = await getSession("s1", { limit: 2, cursor: decodeCursor(first.next_cursor!)! });
    expect(rest.turns.map((t) => [t.id, t.turn])).toEqual([[idOf(3), 3]]);
    expect(rest.next_cursor).toBeNull();
    // Windows of turns start at any turn number, across the reader's batches.
    const all = await lib.getSessionTurns("s3", { from: 1, limit: 100 });
    expect(all.session.turns).toBe(20);
    expect(all.turns.map((t) => t.turn)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(all.next_from).toBeNull();
    expect(all.turns[0].pack_diff).toBeNull();
    const middle = await lib.getSessionTurns("s3", { from: 7, limit: 10 });
    expect(middle.turns.map((t) => [t.id, t.turn])).toEqual(all.turns.slice(6, 16).map((t) => [t.id, t.turn]));
    expect(middle.turns[0].pack_diff).toEqual(all.turns[6].pack_diff);
    expect(middle.next_from).toBe(17);
    expect((await lib.getSessionTurns("s3", { from: 17, limit: 10 })).next_from).toBeNull();
    expect((await lib.getSessionTurns("s3", { from: 21, limit: 10 })).turns).toEqual([]);
    await expect(lib.getSession("nope", { limit: 2 })).rejects.toThrow(/No interactions in session/);
  });
});

describe("memories and chunks -> interactions", () => {
  it("pages the interactions that used an item, newest first, filtered", async () => {
    const first = await lib.findItemInteractionPage("memory", "m2", { limit: 2 });
    expect(first.interactions.map((r) => r.id)).toEqual(rowsNumbered(4, 2));
    const rest = await lib.findItemInteractionPage("memory", "m2", { limit: 2, cursor: decodeCursor(first.next_cursor!)! });
    expect(rest.interactions.map((r) => r.id)).toEqual(rowsNumbered(1));
    expect(rest.next_cursor).toBeNull();
    expect((await lib.findItemInteractionPage("memory", "m2", { limit: 9, project: "alpha" })).interactions.map((r) => r.id)).toEqual(rowsNumbered(2, 1));
    expect((await lib.findItemInteractionPage("memory", "m2", { limit: 9, since: T0 + 2 * HOUR })).interactions.map((r) => r.id)).toEqual(rowsNumbered(4, 2));
    expect((await lib.findItemInteractionPage("chunk", "c1", { limit: 9 })).interactions.map((r) => r.id)).toEqual(rowsNumbered(3));
    expect((await lib.findItemInteractionPage("memory", "nobody", { limit: 9 })).interactions).toEqual([]);
  });

  it("sums an item's use, by session", async () => {
    const usage = await lib.getItemUsage("memory", "m2");
    expect(usage).toMatchObject({ uses: 3, first: iso(T0 + HOUR), last: iso(T0 + 3 * HOUR), asShown: null });
    expect(usage.sessions).toEqual([
      { session_id: "s2", uses: 1, first: iso(T0 + 3 * HOUR), last: iso(T0 + 3 * HOUR) },
      { session_id: "s1", uses: 2, first: iso(T0 + HOUR), last: iso(T0 + 2 * HOUR) },
    ]);
  });
});

describe("export", () => {
  it("reads every match in keyset batches", async () => {
    const batches: string[][] = [];
    for await (const batch of lib.iterateInteractions({ project: "gamma" }, 7)) batches.push(batch.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([7, 7, 6]);
    expect(batches.flat()).toEqual(rowsNumbered(...bulk(0, 19)));
  });

  it("bounds a batch by the size of its rows too, with or without a search", async () => {
    const bigRows = Array.from({ length: 5 }, (_, i) => ({ project: "huge", prompt: `hugeword ${"x".repeat(900_000)}`, created_at: T0 + i * HOUR }));
    const inserted = await database.insert(bigRows);
    const newestFirst = inserted.map((r) => r.id).reverse();
    for (const filters of [{ project: "huge" }, { project: "huge", q: q("hugeword") }]) {
      const batches: string[][] = [];
      for await (const batch of lib.iterateInteractions(filters)) batches.push(batch.map((r) => r.id));
      expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(batches.flat()).toEqual(newestFirst);
    }
  });
});

describe.runIf(testDatabaseKind() === "postgres")("reads on PostgreSQL", () => {
  it("keep working when another server's migration adds a column (named statements never say *)", async () => {
    const before = await ids({ project: "alpha", q: q("keys") });
    const uses = await lib.findItemInteractionPage("memory", "m2", { limit: 9 });
    await database.exec('ALTER TABLE interactions ADD COLUMN "added_later" TEXT');
    expect(await ids({ project: "alpha", q: q("keys") })).toEqual(before);
    expect(await lib.findItemInteractionPage("memory", "m2", { limit: 9 })).toEqual(uses);
    await database.exec('ALTER TABLE interactions DROP COLUMN "added_later"');
  });
});

describe.runIf(testDatabaseKind() === "postgres")("search on PostgreSQL: size caps", () => {
  it("indexes a capture of a megabyte of distinct words without failing, up to the cap", async () => {
    // Base64 is split at + and / into words that are nearly all distinct: the worst case for
    // tsvector's 1 MB limit on distinct words.
    const words = (n: number) => randomBytes(n).toString("base64");
    const [big] = await database.insert([{ prompt: `needleatstart ${words(700_000)} needlepastcap`, response: words(300_000), created_at: T0 }]);
    expect(await ids({ q: q("needleatstart") })).toEqual([big.id]);
    // Words past the first 60,000 characters of the prompt are not indexed on PostgreSQL.
    expect(await ids({ q: q("needlepastcap") })).toEqual([]);
  }, 30_000);
});
