import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearch } from "@/lib/search/fts-query";
import { migratedPostgres, type MigratedPostgres } from "../helpers/sql-rows";
import { testDatabaseKind } from "../helpers/test-database";

const match = (q: string) => {
  const r = parseSearch(q);
  if (!r.ok) throw new Error(r.message);
  return r.value.match;
};
const tsquery = (q: string) => {
  const r = parseSearch(q);
  if (!r.ok) throw new Error(r.message);
  return r.value.tsquery;
};
const problem = (q: string) => {
  const r = parseSearch(q);
  if (r.ok) throw new Error(`accepted: ${r.value.match}`);
  return r.message;
};

describe("parseSearch: user text to a safe FTS5 MATCH expression", () => {
  it("quotes every term and joins words with AND", () => {
    expect(match("rotate keys")).toBe('"rotate" AND "keys"');
    expect(match('  "api keys"  rotate* ')).toBe('"api keys" AND "rotate"*');
    expect(match('"rotate the"*')).toBe('"rotate the"*');
    expect(match("a OR b NOT c")).toBe('"a" OR "b" NOT "c"');
    // FTS5 syntax in a word is only text: column filters, parentheses, carets, dashes.
    expect(match("prompt:x (y) ^z foo-bar")).toBe('"prompt:x" AND "(y)" AND "^z" AND "foo-bar"');
    // Lower-case operator words are ordinary words.
    expect(match("this or that")).toBe('"this" AND "or" AND "that"');
  });

  it("says the same as a tsquery of quoted letters and digits (PostgreSQL)", () => {
    expect(tsquery("rotate keys")).toBe("'rotate' & 'keys'");
    expect(tsquery('  "api keys"  rotate* ')).toBe("('api' <-> 'keys') & 'rotate':*");
    expect(tsquery('"rotate the"*')).toBe("('rotate' <-> 'the':*)");
    expect(tsquery("a OR b NOT c")).toBe("'a' | 'b' & !'c'");
    // Punctuation splits words as unicode61 does: tsquery syntax in a word is only text.
    expect(tsquery("prompt:x (y) ^z foo-bar it's")).toBe("('prompt' <-> 'x') & 'y' & 'z' & ('foo' <-> 'bar') & ('it' <-> 's')");
    expect(tsquery("naïve O'Brien\\")).toBe("'naïve' & ('O' <-> 'Brien')");
  });

  it("marks NOT terms so they are not highlighted", () => {
    const r = parseSearch("deploy NOT rollback");
    expect(r.ok && r.value.terms.map((t) => [t.text, t.negated])).toEqual([["deploy", false], ["rollback", true]]);
  });

  it("makes a term holding Japanese, Chinese, Thai or Korean text a substring term, in alternatives", () => {
    const r = parseSearch('deploy キャッシュ* NOT "無効 化" OR ดี NOT 캐시');
    if (!r.ok) throw new Error(r.message);
    const brief = (t: { text: string; negated: boolean; substring: boolean }) => [t.text, t.negated, t.substring];
    expect(r.value.anyOf.map((all) => all.map(brief))).toEqual([
      [["deploy", false, false], ["キャッシュ", false, true], ["無効 化", true, true]],
      [["ดี", false, true], ["캐시", true, true]],
    ]);
    // A Thai tone mark has no letter or digit, yet is a substring one can search for.
    expect(parseSearch("\u0E49").ok).toBe(true);
    expect(r.value.terms.filter((t) => t.substring).length).toBe(4);
  });

  it.each([
    ['"unclosed phrase', /quote is not closed/],
    ["OR", /needs a term before/],
    ["NOT deploy", /needs a term before/],
    ["deploy AND", /needs a term after/],
    ["a AND OR b", /two operators in a row/],
    ["*", /'\*' must follow the start of a word/],
    ["fo*o", /only allowed at the end/],
    ["--- ", /no letters or digits/],
    ['""', /no letters or digits/],
    ['say"hi"', /quote must start a phrase/],
    ['"a"b', /space after the phrase/],
    ["x".repeat(501), /longer than 500/],
  ])("refuses %j with a readable message", (q, message) => {
    expect(problem(q)).toMatch(message);
  });

  it("never produces an expression FTS5 rejects (property)", () => {
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2'); INSERT INTO t VALUES ('hello world')");
    const stmt = db.prepare("SELECT count(*) FROM t WHERE t MATCH ?");
    const alphabet = fc.constantFrom("a", "b", " ", '"', "*", "-", ":", "(", ")", "^", "OR", "AND", "NOT", "é", "+", "NEAR");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((xs) => xs.join("")), (q) => {
        const r = parseSearch(q);
        if (r.ok) stmt.get(r.value.match);
      }),
      { numRuns: 2000 },
    );
    db.close();
  });
});

// On PostgreSQL: every accepted search is a valid tsquery, and finds the same rows as FTS5 over
// the same texts (tokens split alike, case and accents folded alike, the same precedence).
const onPostgres = testDatabaseKind() === "postgres";
let postgres: MigratedPostgres | undefined;
const client = () => postgres!.client;
const TEXTS = ["hello world", "Hello, wörld!", "a-b c", "b a", "café au lait", "cafeteria", "é", "(a) b:c", "ab ba", "world-hello", "x"];

beforeAll(async () => {
  if (!onPostgres) return;
  postgres = await migratedPostgres("fts");
  for (const [i, text] of TEXTS.entries()) {
    await client().query("INSERT INTO interactions (id, prompt, created_at) VALUES ($1, $2, now())", [`t${i}`, text]);
  }
}, 60_000);
afterAll(() => postgres?.close());

describe.runIf(onPostgres)("parseSearch on PostgreSQL", () => {
  it("matches the same rows as FTS5 for any accepted search (property)", async () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')");
    const add = sqlite.prepare("INSERT INTO t (rowid, a) VALUES (?, ?)");
    TEXTS.forEach((text, i) => add.run(i + 1, text));
    const fts5 = sqlite.prepare("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid").pluck();
    const alphabet = fc.constantFrom("a", "b", "c", "hello", "world", "wor", "cafe", "É", " ", " ", '"', "*", "-", ":", "(", "OR", "AND", "NOT", "'", "\\", "&", "!", "|");
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 10 }).map((xs) => xs.join("")), async (q) => {
        const r = parseSearch(q);
        if (!r.ok) return;
        const { rows } = await client().query<{ seq: number }>(
          "SELECT seq FROM interactions_search WHERE document @@ to_tsquery('atocore_search', $1) ORDER BY seq",
          [r.value.tsquery],
        );
        expect({ q, rows: rows.map((row) => row.seq) }).toEqual({ q, rows: fts5.all(r.value.match) });
      }),
      { numRuns: 400 },
    );
    sqlite.close();
  }, 60_000);
});
