import { describe, expect, it } from "vitest";
import { InteractionListSchema } from "@/lib/interactions/schema";
import { ErrorBodySchema } from "../helpers/schemas";
import { apiFetch, getJson, postJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";

async function search(query: Record<string, string>) {
  const { status, body } = await getJson(`/api/interactions?${new URLSearchParams(query)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return InteractionListSchema.parse(body);
}
const ids = async (query: Record<string, string>) => (await search(query)).interactions.map((i) => i.id);

// Each test searches for a random marker word so it sees only its own rows.
const marker = () => uid("w").replace("-", "");

describe("GET /api/interactions?q= (full-text search)", () => {
  it("finds words in prompt, response and summary, newest first, combined with the other filters", async () => {
    const w = marker();
    const project = uid("sp");
    const [inPrompt, inResponse, inSummary, otherProject, old] = await insertDirect([
      { prompt: `rotate ${w} keys`, project, client: "claude-code", created_at: Date.UTC(2026, 5, 1, 0, 0, 4) },
      { prompt: "x", response: `the ${w} answer`, project, client: "openclaw", created_at: Date.UTC(2026, 5, 1, 0, 0, 3) },
      { prompt: "y", response_summary: `${w.toUpperCase()}.`, project, client: "claude-code", created_at: Date.UTC(2026, 5, 1, 0, 0, 2) },
      { prompt: w, project: uid("other"), created_at: Date.UTC(2026, 5, 1, 0, 0, 1) },
      { prompt: w, project, created_at: Date.UTC(2025, 0, 1) },
    ]);
    await insertDirect([{ prompt: "no marker here", project, created_at: Date.UTC(2026, 5, 1, 0, 0, 5) }]);
    expect(await ids({ q: w, project })).toEqual([inPrompt, inResponse, inSummary, old]);
    expect(await ids({ q: w })).toEqual([inPrompt, inResponse, inSummary, otherProject, old]);
    expect(await ids({ q: w, project, client: "claude-code" })).toEqual([inPrompt, inSummary]);
    expect(await ids({ q: w, project, since: "2026-01-01", until: "2026-06-01T00:00:03Z" })).toEqual([inSummary]);
  });

  it("keeps keyset paging across pages of matches", async () => {
    const w = marker();
    const rows = await insertDirect(Array.from({ length: 7 }, (_, n) => ({ prompt: `${w} ${n}`, created_at: Date.UTC(2026, 6, 1) + (n % 3) })));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search({ q: w, limit: "3", ...(cursor ? { cursor } : {}) });
      seen.push(...page.interactions.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual([...rows].sort());
  });

  it("supports phrases, prefixes and operators", async () => {
    const w = marker();
    const [a, b, c] = await insertDirect([
      { prompt: `${w} deploy the canary now`, created_at: Date.UTC(2026, 7, 1, 0, 0, 3) },
      { prompt: `${w} canary deploy`, created_at: Date.UTC(2026, 7, 1, 0, 0, 2) },
      { prompt: `${w} deployment rollback`, created_at: Date.UTC(2026, 7, 1, 0, 0, 1) },
    ]);
    expect(await ids({ q: `${w} "deploy the canary"` })).toEqual([a]);
    expect(await ids({ q: `${w} deploy` })).toEqual([a, b]);
    expect(await ids({ q: `${w} deploy*` })).toEqual([a, b, c]);
    expect(await ids({ q: `${w} rollback OR now` })).toEqual([a, c]);
    expect(await ids({ q: `${w} deploy* NOT canary` })).toEqual([c]);
    // Accents and case do not matter; FTS5 syntax in a word is just text.
    expect(await ids({ q: `${w.toUpperCase()} DÉPLOYMENT` })).toEqual([c]);
    expect(await ids({ q: `prompt:${w}` })).toEqual([]);
  });

  it("indexes captures through the API and their completion through PATCH", async () => {
    const w = marker();
    const res = await postJson("/api/interactions", { prompt: `question ${w}` });
    const { id } = await res.json();
    const answer = marker();
    expect(await ids({ q: answer })).toEqual([]);
    const patched = await apiFetch(`/api/interactions/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response: `the ${answer} answer` }),
    });
    expect(patched.status).toBe(200);
    expect(await ids({ q: answer })).toEqual([id]);
    expect(await ids({ q: `${w} ${answer}` })).toEqual([id]);
  });

  it("finds words inside Japanese, Chinese and Thai text without * (captures and completions)", async () => {
    const project = uid("cjk");
    const capture = async (body: Record<string, string>) => (await (await postJson("/api/interactions", { project, ...body })).json()).id as string;
    const cache = await capture({ prompt: "キャッシュの無効化について" });
    const other = await capture({ prompt: "設定を変更する", response: "缓存失效的配置" });
    // Unfiltered, as the issue asks (other tests' rows may hold these words too).
    expect(await ids({ q: "キャッシュ" })).toContain(cache);
    expect(await ids({ q: "無効化" })).toContain(cache);
    expect(await ids({ q: "無効化" })).not.toContain(other);
    expect(await ids({ q: "キャッシュ", project })).toEqual([cache]);
    expect(await ids({ q: "無効", project })).toEqual([cache]);
    expect(await ids({ q: "化", project })).toEqual([cache]);
    expect(await ids({ q: "失效", project })).toEqual([other]);
    expect(await ids({ q: "キャッシュ OR 失效", project })).toEqual([other, cache]);
    expect(await ids({ q: "キャッシュ* NOT 変更", project })).toEqual([cache]);
    // A completion indexes its response: a mixed search ANDs the word and the substring.
    const w = marker();
    const patched = await apiFetch(`/api/interactions/${cache}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response: `${w} การค้นหาแคช` }),
    });
    expect(patched.status).toBe(200);
    expect(await ids({ q: `${w} ค้นหา` })).toEqual([cache]);
    expect(await ids({ q: `${w} 変更` })).toEqual([]);
    expect(await ids({ q: "ค้นหา", project })).toEqual([cache]);
  });

  it.each([
    ['"unbalanced', "quote is not closed"],
    ["OR", "needs a term before"],
    ["deploy NOT", "needs a term after"],
    ["*", "must follow the start of a word"],
    ["a AND AND b", "two operators in a row"],
    ["!!!", "no letters or digits"],
  ])("answers 400 with a readable message for q=%j", async (q, message) => {
    const { status, body } = await getJson(`/api/interactions?${new URLSearchParams({ q })}`);
    expect(status).toBe(400);
    const err = ErrorBodySchema.parse(body).error;
    expect(err.code).toBe("validation_failed");
    expect(err.issues?.[0].path).toEqual(["q"]);
    expect(err.issues?.[0].message).toContain(message);
  });

  it("treats an empty or blank q as no search", async () => {
    const project = uid("blank");
    const [id] = await insertDirect([{ prompt: "p", project, created_at: Date.UTC(2026, 0, 1) }]);
    expect(await ids({ project, q: "   " })).toEqual([id]);
  });
});

describe("GET /api/sessions?q= (full-text search)", () => {
  it("lists the sessions with a turn matching the search and the other filters", async () => {
    const w = marker();
    const project = uid("ssp");
    const [s1, s2, s3] = [uid("s"), uid("s"), uid("s")];
    await insertDirect([
      { prompt: `turn about ${w}`, session_id: s1, project, created_at: Date.UTC(2026, 8, 1, 0, 0, 1) },
      { prompt: "second turn", session_id: s1, project, created_at: Date.UTC(2026, 8, 1, 0, 0, 5) },
      { prompt: "other", response: `answer with ${w}s`, session_id: s2, project, created_at: Date.UTC(2026, 8, 1, 0, 0, 3) },
      { prompt: `${w} elsewhere`, session_id: s3, project: uid("other"), created_at: Date.UTC(2026, 8, 1, 0, 0, 4) },
      { prompt: "no match", session_id: uid("s"), project, created_at: Date.UTC(2026, 8, 1, 0, 0, 6) },
    ]);
    const sessions = async (query: Record<string, string>) => {
      const { status, body } = await getJson(`/api/sessions?${new URLSearchParams(query)}`);
      expect(status, JSON.stringify(body)).toBe(200);
      return (body as { sessions: { session_id: string }[] }).sessions.map((s) => s.session_id);
    };
    expect(await sessions({ q: w })).toEqual([s1, s3]);
    expect(await sessions({ q: `${w}*`, project })).toEqual([s1, s2]);
    expect(await sessions({ q: `${w}*`, project, until: "2026-09-01T00:00:02Z" })).toEqual([s1]);
    const { status, body } = await getJson(`/api/sessions?q=${encodeURIComponent('"open')}`);
    expect(status).toBe(400);
    expect(ErrorBodySchema.parse(body).error.issues?.[0].path).toEqual(["q"]);
  });
});
