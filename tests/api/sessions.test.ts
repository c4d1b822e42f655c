import { describe, expect, inject, it } from "vitest";
import { PackDiffSchema, SessionDetailSchema, SessionListSchema, type PackDiff } from "@/lib/sessions/schema";
import { ErrorBodySchema } from "../helpers/schemas";
import { apiFetch, getJson, postJson, uid } from "../helpers/api";
import { insertDirect, type DirectRow } from "../helpers/db";

async function list(query: Record<string, string>) {
  const { status, body } = await getJson(`/api/sessions?${new URLSearchParams(query)}`);
  expect(status).toBe(200);
  return SessionListSchema.parse(body);
}

async function detail(sessionId: string, query: Record<string, string> = {}) {
  const { status, body } = await getJson(`/api/sessions/${encodeURIComponent(sessionId)}?${new URLSearchParams(query)}`);
  expect(status).toBe(200);
  return SessionDetailSchema.parse(body);
}

async function expectError(path: string, status: number) {
  const res = await getJson(path);
  expect(res.status).toBe(status);
  return ErrorBodySchema.parse(res.body);
}

/** Follows next_cursor to the end and returns every session id in the order served. */
async function allSessionIds(query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.sessions.map((s) => s.session_id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0, 0);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Three sessions of one fresh project, with controlled times (minutes after T0). */
async function seedThree(project: string) {
  const [a, b, c] = [uid("sa"), uid("sb"), uid("sc")];
  const rows: DirectRow[] = [
    { session_id: a, project, client: "claude-code", created_at: T0 + 1 * MIN },
    { session_id: b, project, client: "openclaw", created_at: T0 + 2 * MIN },
    { session_id: a, project, client: "openclaw", created_at: T0 + 30 * MIN },
    { session_id: c, project, client: "claude-code", created_at: T0 + 10 * MIN },
    { session_id: c, project: `${project}-other`, client: "manual", created_at: T0 + 11 * MIN },
    // Not a session: an interaction without a session id is never listed.
    { session_id: "", project, client: "claude-code", created_at: T0 + 40 * MIN },
  ];
  await insertDirect(rows);
  return { a, b, c };
}

describe("GET /api/sessions", () => {
  it("lists sessions most recently active first with their summary", async () => {
    const project = uid("proj");
    const { a, b, c } = await seedThree(project);
    const { sessions, next_cursor } = await list({ project });
    expect(sessions.map((s) => s.session_id)).toEqual([a, c, b]);
    expect(next_cursor).toBeNull();
    expect(sessions[0]).toEqual({
      session_id: a,
      first_prompt: expect.any(String),
      turns: 2,
      projects: [project],
      clients: ["claude-code", "openclaw"],
      first_at: iso(T0 + MIN),
      last_at: iso(T0 + 30 * MIN),
      review: null,
    });
    // The summary is the whole session's, even when a filter selected it by one project.
    expect(sessions[1]).toMatchObject({ turns: 2, projects: [project, `${project}-other`], clients: ["claude-code", "manual"] });
  });

  it("keeps summaries right for captures through the API", async () => {
    const session_id = uid("api");
    const project = uid("proj");
    for (const prompt of ["one", "two", "three"]) {
      expect((await postJson("/api/interactions", { prompt, session_id, project, client: "cli" })).status).toBe(201);
    }
    const { sessions } = await list({ session_id });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ session_id, turns: 3, projects: [project], clients: ["cli"] });
  });

  it("filters by client, project and client together, and time, like the interactions list", async () => {
    const project = uid("proj");
    const { a, b, c } = await seedThree(project);
    expect(await allSessionIds({ project, client: "openclaw" })).toEqual([a, b]);
    // c has project P with claude-code and manual only with another project: no interaction matches both.
    expect(await allSessionIds({ project, client: "manual" })).toEqual([]);
    expect(await allSessionIds({ project: `${project}-other`, client: "manual" })).toEqual([c]);
    // A session is in a time window when one of its turns is.
    expect(await allSessionIds({ project, since: iso(T0 + 5 * MIN), until: iso(T0 + 20 * MIN) })).toEqual([c]);
    expect(await allSessionIds({ project, since: iso(T0 + 25 * MIN) })).toEqual([a]);
    expect(await allSessionIds({ project, until: iso(T0 + 2 * MIN) })).toEqual([a]);
    expect(await allSessionIds({ project, client: "claude-code", until: iso(T0 + 10 * MIN + 1) })).toEqual([a, c]);
    const client = uid("client");
    const d = uid("sd");
    await insertDirect([{ session_id: d, client, created_at: T0 }]);
    expect(await allSessionIds({ client })).toEqual([d]);
  });

  it("pages with a keyset cursor, stable under ties, without repeats or gaps", async () => {
    const project = uid("proj");
    const ids = Array.from({ length: 7 }, () => uid("s"));
    // Two pairs share a last time: capture order breaks the tie.
    const times = [1, 2, 2, 3, 4, 4, 5];
    await insertDirect(ids.map((session_id, i) => ({ session_id, project, created_at: T0 + times[i] * MIN })));
    const expected = [...ids].reverse();
    expect(await allSessionIds({ project, limit: "2" })).toEqual(expected);
    expect(await allSessionIds({ project, limit: "1" })).toEqual(expected);
    const first = await list({ project, limit: "3" });
    expect(first.sessions).toHaveLength(3);
    expect(first.next_cursor).not.toBeNull();
    // `after` reads the sessions just newer than a cursor (here: the 4th), in list order.
    const fourth = (await list({ project, limit: "4" })).next_cursor!;
    expect((await list({ project, limit: "2", after: fourth })).sessions.map((s) => s.session_id)).toEqual(expected.slice(1, 3));
    // With fewer than a page of newer sessions, the newest page is served.
    expect((await list({ project, limit: "5", after: fourth })).sessions.map((s) => s.session_id)).toEqual(expected.slice(0, 5));
  });

  it("answers 400 with the envelope for a bad filter or cursor", async () => {
    const bad = await expectError("/api/sessions?since=yesterday", 400);
    expect(bad.error.issues?.[0].path).toEqual(["since"]);
    expect((await expectError("/api/sessions?cursor=nope!", 400)).error.code).toBe("validation_failed");
    expect((await expectError("/api/sessions?limit=ten", 400)).error.issues?.[0].path).toEqual(["limit"]);
  });
});

describe("GET /api/sessions: order, id prefix, count, first prompt", () => {
  /** Six sessions under one fresh id prefix: distinct turns and spans, last active in this order. */
  async function seedSorted() {
    const prefix = uid("srt");
    const shape = [
      { name: "1", turns: 3, span: 5 },
      { name: "2", turns: 1, span: 0 },
      { name: "3", turns: 2, span: 40 },
      { name: "4", turns: 4, span: 2 },
      { name: "10", turns: 5, span: 20 },
      { name: "5", turns: 6, span: 9 },
    ];
    const rows: DirectRow[] = [];
    shape.forEach(({ name, turns, span }, i) => {
      const last = T0 + (100 + i) * MIN;
      for (let t = 0; t < turns; t++) {
        rows.push({
          session_id: `${prefix}-${name}`,
          prompt: t === 0 ? `First of ${name}: ${"مرحبا 日本 ".repeat(40)}` : `later ${t}`,
          created_at: t === 0 ? last - span * MIN : last - (span * MIN * (turns - 1 - t)) / turns,
        });
      }
    });
    await insertDirect(rows);
    return { prefix, shape };
  }

  const idsOf = async (query: Record<string, string>) => (await allSessionIds(query)).map((id) => id.split("-").at(-1));

  it("sorts by last activity, turns or span, either way, paging by keyset without repeats or gaps", async () => {
    const { prefix, shape } = await seedSorted();
    const names = (key: "turns" | "span") => [...shape].sort((x, y) => y[key] - x[key]).map((s) => s.name);
    expect(await idsOf({ session_id: prefix, limit: "2" })).toEqual(shape.map((s) => s.name).reverse());
    expect(await idsOf({ session_id: prefix, sort: "last_active", order: "asc", limit: "4" })).toEqual(shape.map((s) => s.name));
    expect(await idsOf({ session_id: prefix, sort: "turns", limit: "2" })).toEqual(names("turns"));
    expect(await idsOf({ session_id: prefix, sort: "turns", order: "asc", limit: "4" })).toEqual(names("turns").reverse());
    expect(await idsOf({ session_id: prefix, sort: "span", limit: "1" })).toEqual(names("span"));
    expect(await idsOf({ session_id: prefix, sort: "span", order: "asc", limit: "5" })).toEqual(names("span").reverse());
    // `after` reads back towards the start of the order.
    const third = (await list({ session_id: prefix, sort: "turns", limit: "3" })).next_cursor!;
    const before = await list({ session_id: prefix, sort: "turns", limit: "2", after: third });
    expect(before.sessions.map((s) => s.session_id.split("-").at(-1))).toEqual(names("turns").slice(0, 2));
  });

  it("matches session ids by prefix, counts the matches and carries each session's first prompt", async () => {
    const { prefix } = await seedSorted();
    const all = await list({ session_id: prefix });
    expect(all.total).toEqual({ count: 6, estimated: false });
    const one = await list({ session_id: `${prefix}-1` });
    expect(one.sessions.map((s) => s.session_id).sort()).toEqual([`${prefix}-1`, `${prefix}-10`]);
    expect(one.total).toEqual({ count: 2, estimated: false });
    // A time filter needs each session's turns checked: still exact below the sample size.
    expect((await list({ session_id: prefix, since: iso(T0 + 102 * MIN) })).total).toEqual({ count: 4, estimated: false });
    expect((await list({ session_id: `${prefix}-9` })).total).toEqual({ count: 0, estimated: false });
    const first = one.sessions.find((s) => s.session_id === `${prefix}-10`)!.first_prompt;
    expect(first.startsWith("First of 10: مرحبا 日本")).toBe(true);
    expect(first).toHaveLength(201);
    expect(first.endsWith("…")).toBe(true);
  });

  it("answers 400 for an unknown sort or order, and for at with another order than last activity", async () => {
    expect((await expectError("/api/sessions?sort=size", 400)).error.issues?.[0].path).toEqual(["sort"]);
    expect((await expectError("/api/sessions?order=up", 400)).error.issues?.[0].path).toEqual(["order"]);
    expect((await expectError(`/api/sessions?sort=turns&at=${iso(T0)}`, 400)).error.issues?.[0].path).toEqual(["at"]);
    expect((await list({ sort: "", order: "" })).sessions.length).toBeGreaterThan(0);
  });
});

describe("GET /api/sessions/{session_id}", () => {
  it("returns the turns oldest first with their numbers and the summary", async () => {
    const project = uid("proj");
    const { a } = await seedThree(project);
    const { session, turns, next_cursor } = await detail(a);
    expect(session).toMatchObject({ session_id: a, turns: 2 });
    expect(turns.map((t) => [t.turn, t.created_at, t.client])).toEqual([
      [1, iso(T0 + MIN), "claude-code"],
      [2, iso(T0 + 30 * MIN), "openclaw"],
    ]);
    expect(next_cursor).toBeNull();
  });

  it("serves every turn of a long session, 500 at a time past 500", async () => {
    const session_id = uid("long");
    const n = 1_203;
    // Equal timestamps in runs of three: capture order keeps the turns in sequence.
    const ids = await insertDirect(
      Array.from({ length: n }, (_, i) => ({ session_id, prompt: `turn ${i + 1}`, created_at: T0 + Math.floor(i / 3) })),
    );
    const pages = [await detail(session_id)];
    while (pages.at(-1)!.next_cursor) pages.push(await detail(session_id, { cursor: pages.at(-1)!.next_cursor! }));
    expect(pages.map((p) => p.turns.length)).toEqual([500, 500, 203]);
    const turns = pages.flatMap((p) => p.turns);
    expect(turns.map((t) => t.id)).toEqual(ids);
    expect(turns.map((t) => t.turn)).toEqual(ids.map((_, i) => i + 1));
    expect(pages[2].session.turns).toBe(n);
    const small = await detail(session_id, { limit: "10", cursor: pages[0].next_cursor! });
    expect(small.turns.map((t) => t.prompt)).toEqual(Array.from({ length: 10 }, (_, i) => `turn ${501 + i}`));
  });

  // The turns' packs go out as stored, unparsed (lib/interactions/record-json.ts): each must still
  // read exactly as GET /api/interactions/{id} reads it, including packs another tool stored
  // that are no JSON object, and packs that cannot go out as stored.
  it("serves each turn's pack as the interaction's own read does, whatever was stored", async () => {
    const session_id = uid("packs");
    const captured = [
      { memories: [{ memory_id: "m-1", text: "キャッシュの無効化 🧠", score: 0.91 }], chunks: [{ chunk_id: "c-1", text: "إعادة المحاولة" }] },
      { "2": "a key like a number", b: { nested: [1, 2.5, null, true, "\u2028 \"quoted\""] } },
    ];
    for (const [i, context_pack] of captured.entries()) {
      const res = await postJson("/api/interactions", { prompt: `captured ${i}`, session_id, context_pack });
      expect(res.status).toBe(201);
    }
    const deep = `${'{"a":'.repeat(1_200)}1${"}".repeat(1_200)}`;
    const sqlite = inject("databaseKind") === "sqlite";
    const stored = [
      "[1,2]",
      '"text"',
      deep,
      // Text that is not JSON, or valid JSON padded or cut at a NUL, only SQLite stores.
      ...(sqlite ? ['  {"padded": true}\n', "{{{", '{"a":1}\u0000, "b": 2}', '{"a":1}\u0000'] : []),
    ];
    await insertDirect(stored.map((context_pack, i) => ({ session_id, prompt: `stored ${i}`, context_pack, created_at: Date.now() + 60_000 + i })));
    const res = await apiFetch(`/api/sessions/${encodeURIComponent(session_id)}`);
    expect(res.status).toBe(200);
    const { turns } = SessionDetailSchema.parse(JSON.parse(await res.text()));
    expect(turns).toHaveLength(captured.length + stored.length);
    for (const turn of turns) {
      const { turn: n, ...record } = turn;
      expect(n).toBeGreaterThan(0);
      expect(record).toEqual((await getJson(`/api/interactions/${turn.id}`)).body);
    }
    const packs = turns.map((t) => t.context_pack);
    expect(packs.slice(0, 2)).toEqual(captured);
    expect(packs.slice(2, 4)).toEqual([{}, {}]);
    expect(JSON.stringify(packs[4])).toBe(deep);
    if (sqlite) expect(packs.slice(5)).toEqual([{ padded: true }, {}, {}, {}]);
  });

  it("serves a session id with spaces, slashes, percent signs and non-ASCII letters", async () => {
    const session_id = `${uid("odd")} a/b%2F c?d#é`;
    await insertDirect([{ session_id, created_at: T0 }]);
    const { session, turns } = await detail(session_id);
    expect(session.session_id).toBe(session_id);
    expect(turns).toHaveLength(1);
    const res = await apiFetch(`/api/sessions/${encodeURIComponent(session_id)}/export?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="session-odd-[0-9a-f]{8}_a_b_2F_c_d_\.json"; filename\*=UTF-8''/);
  });

  it("answers 404 with the envelope for a session id with no interactions", async () => {
    const body = await expectError(`/api/sessions/${uid("none")}`, 404);
    expect(body.error.code).toBe("not_found");
    expect((await expectError(`/api/sessions/${uid("none")}/export?format=md`, 404)).error.code).toBe("not_found");
  });
});

describe("GET /api/sessions/{session_id}/export", () => {
  const session_id = uid("exp");
  const seed = () =>
    insertDirect([
      {
        session_id,
        prompt: "first ```question```",
        response: "first answer",
        memories_used: '["m1","m2"]',
        context_pack: JSON.stringify({ memories: [{ id: "m1", text: "likes tea" }, { id: "m2", text: "lives in Oslo" }] }),
        client: "claude-code",
        created_at: T0,
      },
      {
        session_id,
        prompt: "second question",
        response_summary: "answered briefly",
        memories_used: '["m2","m3"]',
        chunks_used: '["c9"]',
        context_pack: JSON.stringify({ memories: [{ memory_id: "m3", content: "owns a cat" }], chunks: [{ chunk_id: "c9" }] }),
        client: "claude-code",
        created_at: T0 + 65_000,
      },
      { session_id, prompt: "third question", client: "claude-code", created_at: T0 + 70_000 },
    ]);

  it("downloads a Markdown transcript with context summaries", async () => {
    await seed();
    const res = await apiFetch(`/api/sessions/${session_id}/export?format=md`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="session-${session_id}\\.md"`));
    const md = await res.text();
    const at = (s: string) => md.indexOf(s);
    expect(at("## Turn 1")).toBeGreaterThan(0);
    expect(at("## Turn 1")).toBeLessThan(at("## Turn 2"));
    expect(at("## Turn 2")).toBeLessThan(at("## Turn 3"));
    // A fence longer than the prompt's own backticks keeps it one block.
    expect(md).toContain("````text\nfirst ```question```\n````");
    expect(md).toContain("### Response\n\n```text\nfirst answer\n```");
    expect(md).toContain("### Response summary (the response itself was not recorded)\n\n```text\nanswered briefly\n```");
    expect(md).toContain("_No response recorded._");
    expect(md).toContain(`## Turn 2 · ${iso(T0 + 65_000)} (+1.1 min)`);
    expect(md).toContain(`## Turn 3 · ${iso(T0 + 70_000)} (+5 s)`);
    // The packs are compared, with each item's mark: turn 2's pack holds only m3 and c9.
    expect(md).toContain("- Memory entered: `m3` — owns a cat (used)");
    expect(md).toContain("- Chunk entered: `c9`");
    expect(md).toContain("- Memory left: `m1` — likes tea (was used)\n- Memory left: `m2` — lives in Oslo (was used)");
    // Turn 3 has no pack: all of turn 2's left (in the pack's key order, which PostgreSQL's jsonb sets).
    const turn3 = md.slice(at("## Turn 3"));
    expect(turn3).toContain("- Memory left: `m3` — owns a cat (was used)\n");
    expect(turn3).toContain("- Chunk left: `c9`");
  });

  it("downloads the raw turns as JSON, the same as the session API serves", async () => {
    const res = await apiFetch(`/api/sessions/${session_id}/export?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="session-.*\.json"/);
    // Each turn as the session API serves it, with its pack diff (lib/sessions/pack-diff.ts) added.
    const body = (await res.json()) as { session: unknown; turns: { pack_diff: PackDiff | null }[] };
    expect(body.turns.map((t) => t.pack_diff && PackDiffSchema.parse(t.pack_diff).counts)).toEqual([
      null,
      { entered: 2, left: 2, text_changed: 0, mark_changed: 0, unchanged: 0 },
      { entered: 0, left: 2, text_changed: 0, mark_changed: 0, unchanged: 0 },
    ]);
    const exported = SessionDetailSchema.omit({ next_cursor: true }).parse({ ...body, turns: body.turns.map(({ pack_diff: _diff, ...turn }) => turn) });
    const served = await detail(session_id);
    expect(exported).toEqual({ session: served.session, turns: served.turns });
    expect(exported.turns.map((t) => t.prompt)).toEqual(["first ```question```", "second question", "third question"]);
  });

  it("answers 400 for a missing or unknown format", async () => {
    expect((await expectError(`/api/sessions/${session_id}/export?format=pdf`, 400)).error.issues?.[0].path).toEqual(["format"]);
    expect((await expectError(`/api/sessions/${session_id}/export`, 400)).error.code).toBe("validation_failed");
  });
});
