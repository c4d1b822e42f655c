import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListQuery } from "@/lib/interactions/schema";
import { parseSearch, SCRIPT_CHAR } from "@/lib/search/fts-query";
import { closeReads, createSqlTestDatabase, type SqlTestDatabase } from "../helpers/sql-rows";

// Search in every language, on the database under test (TEST_DATABASE): a term holding
// Japanese, Chinese, Thai or Korean text finds every row whose prompt, response or summary
// holds it as a substring, case-insensitively, and no other row, alone or mixed with words,
// OR and NOT. The same property runs on SQLite and PostgreSQL, so both answer alike.
let database: SqlTestDatabase;
let findInteractionPage: typeof import("@/lib/interactions/find-interactions").findInteractionPage;
let findSessionPage: typeof import("@/lib/sessions/find-sessions").findSessionPage;
let captureHistogram: typeof import("@/lib/interactions/capture-histogram").captureHistogram;

const ALPHABETS = [
  "キャッシュの無効化設定検索をするでー",
  "缓存失效配置搜索中文的",
  "สวัสดีครับการค้นหาแคช",
  "캐시무효화검색",
  "مرحبا بالعالم",
  "😀🚀👍🏽",
  "aAbBéÉxX-_%\\",
];
const WORDS = ["deploy", "cache", "Café", "rollback"];
const segment = fc.oneof(
  fc.constantFrom(...WORDS).map((w) => ` ${w} `),
  fc
    .tuple(fc.constantFrom(...ALPHABETS), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }))
    .map(([alphabet, picks]) => picks.map((n) => [...alphabet][n % [...alphabet].length]).join("")),
);
const text = fc.array(segment, { maxLength: 8 }).map((xs) => xs.join(""));
type Row = { prompt: string; response: string; response_summary: string };
const ROWS: Row[] = fc.sample(fc.record({ prompt: text, response: text, response_summary: text }), { numRuns: 60, seed: 20261206 });

let ids: string[];
const fields = (r: Row) => [r.prompt, r.response, r.response_summary];
const wordsOf = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u);

type Term = { text: string; negated: boolean };
// Whether a row holds a term: a substring term anywhere in one field, a word as a word.
function holds(row: Row, term: string): boolean {
  const t = term.toLowerCase();
  return SCRIPT_CHAR.test(term) ? fields(row).some((f) => f.toLowerCase().includes(t)) : fields(row).some((f) => wordsOf(f).includes(t));
}

// A substring of a stored field that holds a character of these scripts and is one search term.
const substring = fc
  .tuple(fc.nat(), fc.nat(2), fc.nat(), fc.integer({ min: 1, max: 7 }))
  .map(([r, f, start, length]) => {
    const chars = [...fields(ROWS[r % ROWS.length])[f]];
    const from = chars.length === 0 ? 0 : start % chars.length;
    return chars.slice(from, from + length).join("");
  })
  .filter((s) => SCRIPT_CHAR.test(s) && !/[\s"*]/.test(s));
const term = fc.oneof({ weight: 4, arbitrary: substring }, { weight: 1, arbitrary: fc.constantFrom(...WORDS) });
// Alternatives (OR) of terms that must all hold, NOT ones excluded; each starts with a wanted term.
const search = fc.array(
  fc.tuple(term, fc.array(fc.tuple(term, fc.boolean()), { maxLength: 2 })).map(([first, rest]): Term[] => [
    { text: first, negated: false },
    ...rest.map(([text, negated]) => ({ text, negated })),
  ]),
  { minLength: 1, maxLength: 2 },
);
const render = (anyOf: Term[][]) => anyOf.map((all) => all.map((t) => (t.negated ? `NOT ${t.text}` : t.text)).join(" ")).join(" OR ");
const expected = (anyOf: Term[][]) =>
  ROWS.flatMap((row, i) => (anyOf.some((all) => all.every((t) => holds(row, t.text) !== t.negated)) ? [ids[i]] : [])).sort();

async function found(q: string): Promise<string[]> {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw new Error(`${q}: ${parsed.message}`);
  const page = await findInteractionPage({ limit: 100, q: parsed.value } as ListQuery);
  return page.interactions.map((r) => r.id).sort();
}

beforeAll(async () => {
  database = await createSqlTestDatabase("scripts");
  const seeded = await database.insert(ROWS.map((r, i) => ({ ...r, created_at: Date.UTC(2026, 11, 1) + i * 1000 })));
  ids = seeded.map((r) => r.id);
  process.env.DATABASE_URL = database.url;
  findInteractionPage = (await import("@/lib/interactions/find-interactions")).findInteractionPage;
  findSessionPage = (await import("@/lib/sessions/find-sessions")).findSessionPage;
  captureHistogram = (await import("@/lib/interactions/capture-histogram")).captureHistogram;
}, 60_000);
afterAll(() => closeReads(database));

describe("search in scripts written without spaces", () => {
  it("finds a word inside Japanese, Chinese, Thai and Korean text without *", async () => {
    const [row] = await database.insert([
      { prompt: "キャッシュの無効化について", response: "缓存失效的配置", response_summary: "การค้นหาแคช 캐시무효화", session_id: "cjk", created_at: Date.UTC(2026, 11, 2) },
    ]);
    const search = (q: string) => {
      const parsed = parseSearch(q);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    };
    // The session list and the histogram read the same condition.
    expect((await findSessionPage({ limit: 10, q: search("無効 OR zzz") } as ListQuery)).sessions.map((x) => x.session_id)).toEqual(["cjk"]);
    expect((await captureHistogram({ q: search("캐시무효화") }, 4, Date.UTC(2026, 11, 3))).total).toBe(1);
    for (const q of ["キャッシュ", "無効化", "無効", "化", "失效", "ค้นหา", "หา", "무효", "deploy キャッシュ NOT ROLLBACK", "キャッシュ*", '"の無効"']) {
      expect({ q, found: (await found(q)).includes(row.id) }).toEqual({ q, found: !q.startsWith("deploy") });
    }
    expect(await found("キャッシュの無効化について NOT 失效")).not.toContain(row.id);
    expect(await found("キャッシュの無効化について OR zzz")).toContain(row.id);
    await database.exec(`DELETE FROM interactions WHERE id = '${row.id}'`);
    expect(await found("キャッシュの無効化について")).toEqual([]);
  }, 30_000);

  it("finds exactly the rows holding random substrings, alone or with words, OR and NOT (property)", async () => {
    await fc.assert(
      fc.asyncProperty(search, async (anyOf) => {
        const q = render(anyOf);
        expect({ q, rows: await found(q) }).toEqual({ q, rows: expected(anyOf) });
      }),
      { numRuns: 300, seed: 1206 },
    );
  }, 120_000);
});
