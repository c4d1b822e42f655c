import { describe, expect, it } from "vitest";
import { InteractionListSchema } from "@/lib/interactions/schema";
import { ErrorBodySchema } from "../helpers/schemas";
import { getJson, postJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";

async function list(query: Record<string, string>) {
  const { status, body } = await getJson(`/api/interactions?${new URLSearchParams(query)}`);
  expect(status).toBe(200);
  return InteractionListSchema.parse(body);
}

async function listError(query: string) {
  const { status, body } = await getJson(`/api/interactions?${query}`);
  expect(status).toBe(400);
  return ErrorBodySchema.parse(body);
}

/** Follows next_cursor to the end and returns every id in the order served. */
async function allPages(query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.interactions.map((i) => i.id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0, 0);

describe("GET /api/interactions", () => {
  it("lists newest first and filters by project, client and session exactly", async () => {
    const project = uid("proj");
    const created: string[] = [];
    for (const [client, session_id] of [
      ["claude-code", "s1"],
      ["openclaw", "s1"],
      ["claude-code", "s2"],
    ]) {
      const res = await postJson("/api/interactions", { prompt: uid(), project, client, session_id: `${project}-${session_id}` });
      created.push((await res.json()).id);
      await new Promise((r) => setTimeout(r, 3));
    }
    expect((await list({ project })).interactions.map((i) => i.id)).toEqual([...created].reverse());
    expect((await list({ project, client: "claude-code" })).interactions.map((i) => i.id)).toEqual([created[2], created[0]]);
    expect((await list({ session_id: `${project}-s1` })).interactions.map((i) => i.id)).toEqual([created[1], created[0]]);
    // Exact match, not a prefix.
    expect((await list({ project: project.slice(0, -1) })).interactions).toEqual([]);
    // An empty value means no filter.
    expect((await list({ project, client: "", session_id: "" })).interactions).toHaveLength(3);
  });

  it("compares since (inclusive) and until (exclusive) as instants in every accepted format", async () => {
    const project = uid("time");
    const [a, b, c] = await insertDirect([
      { project, created_at: T0 },
      { project, created_at: T0 + 12 * 3600_000 + 500 },
      { project, created_at: T0 + 24 * 3600_000 },
    ]);
    const ids = async (q: Record<string, string>) => (await list({ project, ...q })).interactions.map((i) => i.id);
    expect(await ids({ since: "2026-01-01" })).toEqual([c, b, a]);
    expect(await ids({ since: "2026-01-01 12:00:00" })).toEqual([c, b]);
    expect(await ids({ since: "2026-01-01T12:00:00.500Z" })).toEqual([c, b]);
    expect(await ids({ since: "2026-01-01T12:00:00.501Z" })).toEqual([c]);
    expect(await ids({ since: "2026-01-01T13:00:00+01:00" })).toEqual([c, b]);
    expect(await ids({ since: "2026-01-01T07:00:00-05:00" })).toEqual([c, b]);
    expect(await ids({ until: "2026-01-02" })).toEqual([b, a]);
    expect(await ids({ until: "2026-01-02T00:00:00.001Z" })).toEqual([c, b, a]);
    expect(await ids({ since: "2026-01-01T06:00:00Z", until: "2026-01-02T00:00:00Z" })).toEqual([b]);
    // An offset pasted unencoded: the query string's "+" arrives as a space.
    const raw = await getJson(`/api/interactions?project=${project}&since=2026-01-01T13:00:00+01:00`);
    expect((raw.body as { interactions: { id: string }[] }).interactions.map((i) => i.id)).toEqual([c, b]);
  });

  it.each(["yesterday", "2026-13-01", "2026-02-30", "2026-01-01T00:00:00", "2026-01-01T25:00:00Z", "1735689600"])(
    "an unreadable since %j is 400",
    async (since) => {
      const body = await listError(`since=${encodeURIComponent(since)}`);
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.issues?.[0].path).toEqual(["since"]);
    },
  );

  it("an unreadable until is 400", async () => {
    expect((await listError("until=soon")).error.issues?.[0].path).toEqual(["until"]);
  });

  it("limit defaults to 50, caps at 500, and lists nothing at zero or below", async () => {
    const project = uid("limit");
    await insertDirect(Array.from({ length: 510 }, (_, i) => ({ project, created_at: T0 + i })));
    const page = await list({ project });
    expect(page.interactions).toHaveLength(50);
    expect(page.next_cursor).not.toBeNull();
    expect((await list({ project, limit: "1000" })).interactions).toHaveLength(500);
    expect(await list({ project, limit: "0" })).toEqual({ interactions: [], next_cursor: null });
    expect(await list({ project, limit: "-5" })).toEqual({ interactions: [], next_cursor: null });
    const last = await list({ project, limit: "510" });
    expect(last.interactions).toHaveLength(500);
  });

  it.each(["abc", "1.5", "10x", "1e3"])("a non-integer limit %j is 400", async (limit) => {
    const body = await listError(`limit=${limit}`);
    expect(body.error.issues?.[0].path).toEqual(["limit"]);
  });

  it("pages past 500 with the cursor, in a stable order even when timestamps tie", async () => {
    const project = uid("ties");
    // Seven rows share one millisecond; the rest spread out.
    const rows = [
      ...Array.from({ length: 7 }, () => ({ project, created_at: T0 + 5000 })),
      ...Array.from({ length: 600 }, (_, i) => ({ project, created_at: T0 + i * 10 })),
    ];
    const ids = await insertDirect(rows);
    const paged = await allPages({ project, limit: "3" }).then(async (small) => {
      const big = await allPages({ project, limit: "500" });
      expect(big).toEqual(small);
      return small;
    });
    expect(paged).toHaveLength(ids.length);
    expect(new Set(paged).size).toBe(ids.length);
    // The same order twice.
    expect(await allPages({ project, limit: "7" })).toEqual(paged);
  });

  it("never skips or repeats a row while new rows arrive between pages", async () => {
    const project = uid("live");
    for (let i = 0; i < 6; i++) await postJson("/api/interactions", { prompt: uid(), project });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ project, limit: "2", ...(cursor ? { cursor } : {}) });
      seen.push(...page.interactions.map((i) => i.id));
      cursor = page.next_cursor;
      // A new capture lands between every two pages, including ones in the same millisecond.
      await postJson("/api/interactions", { prompt: uid(), project });
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it.each(["garbage", "MTIz", "%%%", "a".repeat(200)])("an unknown cursor %j is 400", async (cursor) => {
    const body = await listError(`cursor=${encodeURIComponent(cursor)}`);
    expect(body.error.issues?.[0].path).toEqual(["cursor"]);
  });
});

describe("U+0000 in a URL", () => {
  // No database stores it (PostgreSQL cannot even take it as a parameter): refused with the same
  // 400 on both, wherever it appears, pages included.
  it.each([
    "/api/interactions?session_id=%00",
    "/api/interactions?project=a%00b&limit=5",
    "/api/interactions?q=x%00",
    "/api/sessions?client=%00",
    "/api/sessions/s%00",
    "/api/memories/m%00/interactions",
    "/interactions?project=%00",
    "/sessions/%00",
  ])("%s is 400 validation_failed", async (path) => {
    const { status, body } = await getJson(path);
    expect(status).toBe(400);
    const error = ErrorBodySchema.parse(body).error;
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/U\+0000/);
  });
});
