import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { SCRIPT_CHAR } from "@/lib/search/fts-query";
import { tempDbFile } from "../helpers/server";

// On SQLite the trigram index holds exactly the rows whose prompt, response or summary holds a
// character of SCRIPT_CHAR's ranges (its triggers decide with cheap necessary conditions first:
// 20261207090000_trigram_prefilter), after inserts and after updates.
let db: Database.Database;

beforeAll(() => {
  const file = tempDbFile("trigram-rows");
  migrateSqlite(file);
  db = new Database(file);
});
afterAll(() => db?.close());

// Every range's first and last character and their neighbours outside it, the spans the
// pre-conditions cut at, and text that is not ASCII but holds no such character (Latin, Arabic,
// Cyrillic, typographic punctuation, CJK punctuation, emoji).
const EDGES = [
  0x0dff, 0x0e00, 0x0eff, 0x0f00, 0x0fff, 0x1000, 0x109f, 0x10a0, 0x10ff, 0x1100, 0x11ff, 0x1200, 0x177f, 0x1780, 0x17ff, 0x1800,
  0x1fff, 0x2000, 0x2014, 0x2019, 0x3000, 0x303f, 0x3040, 0x30ff, 0x3100, 0x312f, 0x3130, 0x318f, 0x3190, 0x31ef, 0x31f0, 0x31ff,
  0x3200, 0x33ff, 0x3400, 0x4dbf, 0x4dc0, 0x4dff, 0x4e00, 0x9fff, 0xa000, 0xabff, 0xac00, 0xd7af, 0xd7b0, 0xf8ff, 0xf900, 0xfaff,
  0xfb00, 0xff64, 0xff65, 0xff9f, 0xffa0, 0xffef, 0xfff0, 0x1f600, 0x1ffff, 0x20000, 0x323af, 0x323b0, 0xe9, 0x627, 0x416,
];
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGES).map((c) => String.fromCodePoint(c)) },
  { weight: 5, arbitrary: fc.constantFrom("a", " ", "\n", "Z", "9", "—", "é", "ب", "😀") },
);
const text = fc.array(char, { maxLength: 5 }).map((cs) => cs.join(""));
const row = fc.record({ prompt: text, response: text, response_summary: text });

const holds = (r: { prompt: string; response: string; response_summary: string }) =>
  SCRIPT_CHAR.test(`${r.prompt}\n${r.response}\n${r.response_summary}`);

describe("the trigram index's rows", () => {
  it("are the rows holding a character of the scripts written without spaces, after inserts and updates", () => {
    const rows = fc.sample(row, { numRuns: 400, seed: 20261207 });
    const insert = db.prepare(
      "INSERT INTO interactions (id, prompt, response, response_summary, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
    );
    const seqs = rows.map((r, i) => (insert.get(`t-${i}`, r.prompt, r.response, r.response_summary, i) as { seq: number }).seq);
    const indexed = () => new Set(db.prepare("SELECT id FROM interactions_trigram_docsize").pluck().all() as number[]);
    const expected = (all: typeof rows) => new Set(seqs.filter((_, i) => holds(all[i])));
    expect(rows.filter(holds).length).toBeGreaterThan(50);
    expect(rows.filter((r) => !holds(r)).length).toBeGreaterThan(50);
    expect(indexed()).toEqual(expected(rows));

    // Each row takes the next row's texts: rows enter and leave the index.
    const update = db.prepare("UPDATE interactions SET prompt = ?, response = ?, response_summary = ? WHERE seq = ?");
    const shifted = rows.map((_, i) => rows[(i + 1) % rows.length]);
    shifted.forEach((r, i) => update.run(r.prompt, r.response, r.response_summary, seqs[i]));
    expect(indexed()).toEqual(expected(shifted));
  });
});
