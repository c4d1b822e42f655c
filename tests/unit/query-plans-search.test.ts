import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainPostgres, planLines, postgresPlanProblems } from "../../bench/query-plans-postgres";
import { planProblems } from "../../bench/query-plans";
import { seedInteractions } from "../../bench/seed";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { parseSearch } from "@/lib/search/fts-query";
import { searchRowsSql, type SearchFilters } from "@/lib/search/search-interactions";
import { tempDbFile } from "../helpers/server";
import { migratedPostgres, type MigratedPostgres } from "../helpers/sql-rows";
import { testDatabaseKind } from "../helpers/test-database";

// A search page holding substring terms (Japanese, Chinese, Thai, ...) reads them through the
// trigram index (terms of 3 characters or more), its vocabulary or the characters' index
// (shorter terms), walks the list's time index without sorting and never scans interactions,
// on both databases. Speed itself is measured by `npm run bench`, never here.
const SEARCHES = {
  long: "キャッシュ",
  short: "無効",
  "one character": "化",
  "with a word": "deploy キャッシュ",
  "OR, NOT": "キャッシュ OR 無効 NOT 設定",
  "NOT only substrings": "deploy NOT キャッシュ NOT 化",
};
const filters = (q: string, extra: Partial<SearchFilters> = {}): SearchFilters => {
  const parsed = parseSearch(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return { q: parsed.value, ...extra } as SearchFilters;
};
const JAPANESE = ["キャッシュの無効化について", "設定を変更する", "検索の結果", "東京の天気"];

describe.runIf(testDatabaseKind() === "sqlite")("search query plans on SQLite: substring terms", () => {
  let file: string;
  beforeAll(() => {
    file = tempDbFile("plans-search");
    migrateSqlite(file);
    const info = seedInteractions(file, { rows: 3000, project: 20, days: 90, longSessionTurns: 100, bigPack: false, now: Date.now() });
    const db = new Database(file);
    const add = db.prepare("INSERT INTO interactions (id, prompt, created_at) VALUES (?, ?, ?)");
    db.transaction(() => JAPANESE.forEach((p, i) => Array.from({ length: 100 }, (_, n) => add.run(`ja-${i}-${n}`, `${p} deploy ${n}`, info.newest - n * 60_000))))();
    db.exec("ANALYZE");
    db.close();
  }, 120_000);

  const explain = (f: SearchFilters) => {
    const db = new Database(file, { readonly: true });
    try {
      const sql = searchRowsSql(f, {}, 51, "sqlite");
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.values) as { detail: string }[]).map((r) => r.detail);
    } finally {
      db.close();
    }
  };

  it.each(Object.entries(SEARCHES))("%s: the trigram index, the list's time index, no sort, no scan", (name, q) => {
    const plan = explain(filters(q));
    // The outer query sorts the page's rows (at most `take`), as a word search does; the walk
    // that picks them must not sort.
    expect(plan.at(-1)).toBe("USE TEMP B-TREE FOR ORDER BY");
    expect(explain(filters("deploy")).at(-1)).toBe("USE TEMP B-TREE FOR ORDER BY");
    expect({ name, problems: planProblems(plan.slice(0, -1)), plan }).toMatchObject({ name, problems: [] });
    expect(plan.join("\n")).toMatch(/interactions_created_at_seq_idx/);
    expect(plan.join("\n")).toMatch(/interactions_trigram(_instance)? VIRTUAL TABLE INDEX/);
  });

  it("reads a short term from the vocabulary by a range of its terms, a long one by MATCH", () => {
    expect(explain(filters("無効")).join("\n")).toMatch(/SCAN interactions_trigram_instance VIRTUAL TABLE INDEX \d+:/);
    expect(explain(filters("キャッシュ")).join("\n")).toMatch(/SCAN interactions_trigram VIRTUAL TABLE INDEX 0:M/);
    expect(explain(filters("キャッシュ", { project: "proj-3" })).join("\n")).toMatch(/interactions_project_created_at_seq_idx/);
  });
});

describe.runIf(testDatabaseKind() === "postgres")("search query plans on PostgreSQL: substring terms", () => {
  let postgres: MigratedPostgres | undefined;
  beforeAll(async () => {
    postgres = await migratedPostgres("plans-search");
    // 20,000 turns, one in twenty in Japanese, as in query-plans-postgres.test.ts, then VACUUM
    // ANALYZE (which also moves the GIN indexes' pending entries into them).
    await postgres.client.query(
      `INSERT INTO interactions (id, prompt, response, project, created_at)
       SELECT 'row-' || g, CASE WHEN g % 20 = 0 THEN ($2::text[])[1 + g / 20 % 4] || ' ' || g ELSE 'prompt about topic ' || (g % 97) END,
              'answer ' || (g % 89), 'proj-' || (g % 20), $1::timestamptz - (20000 - g) * interval '2 minutes'
       FROM generate_series(1, 20000) AS g`,
      [new Date(Date.UTC(2026, 11, 1)), JAPANESE],
    );
    await postgres.client.query("VACUUM ANALYZE");
  }, 120_000);
  afterAll(() => postgres?.close());

  const explain = (f: SearchFilters) => explainPostgres(postgres!.client, searchRowsSql(f, {}, 51, "postgres"));

  it.each(Object.entries(SEARCHES))("%s: a search index, no sort of the table, no scan", async (name, q) => {
    const plan = await explain(filters(q));
    expect({ name, problems: postgresPlanProblems(plan), plan: planLines(plan) }).toMatchObject({ name, problems: [] });
    // A word or a wanted substring term bounds the rows read; NOT terms are checked on those.
    expect(planLines(plan).join("\n")).toMatch(/Bitmap Index Scan (interactions_script_(text_trgm|chars)_idx|interactions_search_document_idx)/);
  });

  it("reads a short term through the characters' index, a long one through pg_trgm", async () => {
    expect(planLines(await explain(filters("無効"))).join("\n")).toMatch(/Bitmap Index Scan interactions_script_chars_idx/);
    expect(planLines(await explain(filters("キャッシュ"))).join("\n")).toMatch(/Bitmap Index Scan interactions_script_text_trgm_idx/);
  });
});
