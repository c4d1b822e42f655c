import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSearch } from "@/lib/search/fts-query";

const match = (q: string) => {
  const r = parseSearch(q);
  if (!r.ok) throw new Error(r.message);
  return r.value.match;
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

  it("marks NOT terms so they are not highlighted", () => {
    const r = parseSearch("deploy NOT rollback");
    expect(r.ok && r.value.terms.map((t) => [t.text, t.negated])).toEqual([["deploy", false], ["rollback", true]]);
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
