import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readMigrations } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";

// `npx tsx bench/facets.ts [--rows N]`: the list's Project and Client menus at scale (issue 26):
// their counts under filters (lib/interactions/find-filtered-facets.ts) against the list query
// itself on the same filters, p50 / p95, each call with another `since` so no cached count is
// reused. The menus read neither packs nor responses, so the rows carry short multilingual
// prompts and empty packs: projects and clients drawn Zipf-like, sessions of tens of turns,
// 90 days. Writes bench/results/facets.{json,md}.

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const RUNS = 40;
const DAY = 86_400_000;
const now = Date.now();
const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-bench-facets-"));
const file = path.join(dir, "facets.db");

function zipf(n: number, r: number): number {
  // Inverse of a 1/k distribution's cumulative share, close enough for a skewed draw.
  return Math.min(n - 1, Math.floor(Math.exp(r * Math.log(n + 1)) - 1));
}

function seed() {
  const migrations = readMigrations();
  migrateSqlite(file, migrations.slice(0, 1));
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'interactions' AND name != 'interactions_id_key'")
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
  const insert = db.prepare(`INSERT INTO interactions (id, prompt, project, client, session_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const words = ["deploy", "rollback", "cache", "キャッシュの無効化", "مراجعة النشر", "schema", "migration", "🚀 release", "billing", "index"];
  let rand = 42;
  const next = () => ((rand = (rand * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = now - 90 * DAY + Math.floor((i / ROWS) * 90 * DAY);
      const project = `project-${String(zipf(200, next())).padStart(3, "0")}`;
      const client = `client-${zipf(20, next())}`;
      insert.run(`f-${i}`, `${words[i % words.length]} ${words[(i * 7) % words.length]} turn ${i}`, project, client, `s-${Math.floor(i / 40)}`, at);
    }
  });
  for (let at = 0; at < ROWS; at += 50_000) fill(at, Math.min(ROWS, at + 50_000));
  for (const ix of indexes) db.exec(ix.sql);
  db.close();
  migrateSqlite(file, migrations);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function main() {
  // Before the seed: what its migrations log reads the configuration, which is read once.
  process.env.DATABASE_URL = `file:${file}`;
  const t0 = performance.now();
  seed();
  const seedSeconds = (performance.now() - t0) / 1000;
  const { findFilteredFacets } = await import("@/lib/interactions/find-filtered-facets");
  const { findInteractions } = await import("@/lib/interactions/find-interactions");
  const { ListQuerySchema } = await import("@/lib/interactions/schema");
  const views: [string, Record<string, string>][] = [
    ["busiest project", { project: "project-000" }],
    ["a small project", { project: "project-150" }],
    ["client and last 7 days", { client: "client-1", since: new Date(now - 7 * DAY).toISOString() }],
    ["project and client", { project: "project-001", client: "client-0" }],
    ["search q=キャッシュ", { q: "キャッシュ" }],
  ];
  const figures = [];
  // The unfiltered menus: exact counts over every row, counted once and then cached.
  const u0 = performance.now();
  await findFilteredFacets(ListQuerySchema.parse({}));
  const unfilteredFirst = performance.now() - u0;
  for (const [name, filters] of views) {
    const facets: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Another `since` each call (a second apart, older than any row when none was asked):
      // the menus' cache is keyed by the filters, so every call counts.
      const since = filters.since ? new Date(Date.parse(filters.since) - i * 1000).toISOString() : new Date(now - 100 * DAY - i * 1000).toISOString();
      const query = ListQuerySchema.parse({ ...filters, since });
      const l0 = performance.now();
      await findInteractions(query);
      list.push(performance.now() - l0);
      const f0 = performance.now();
      // Without the histogram's total (the list page passes it to scale): the same reads.
      await findFilteredFacets(query);
      facets.push(performance.now() - f0);
    }
    figures.push({ name, facetsP50: percentile(facets, 50), facetsP95: percentile(facets, 95), listP50: percentile(list, 50), listP95: percentile(list, 95) });
  }
  const result = { at: new Date().toISOString(), cpus: os.cpus().length, load: os.loadavg(), rows: ROWS, seedSeconds, unfilteredFirst, figures };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/facets.json", JSON.stringify(result, null, 2) + "\n");
  const r = (n: number) => Math.round(n * 100) / 100;
  writeFileSync(
    "bench/results/facets.md",
    [
      `# Facet counts bench (${result.at}, ${result.cpus} cores, load ${result.load.map(r).join(" ")}, ${ROWS.toLocaleString("en")} rows)`,
      "",
      "The Project and Client menus' counts under a list's filters (the newest 1,000 matches of each menu's other filters counted), against the list query on the same filters; every call misses the menus' cache.",
      "",
      "| view | menus p50 / p95 | list p50 / p95 |",
      "| --- | --- | --- |",
      `| no filter (exact counts of every row, first call; cached after) | ${r(unfilteredFirst)} ms | |`,
      ...figures.map((f) => `| ${f.name} | ${r(f.facetsP50)} / ${r(f.facetsP95)} ms | ${r(f.listP50)} / ${r(f.listP95)} ms |`),
      "",
    ].join("\n"),
  );
  console.log(result);
  rmSync(dir, { recursive: true, force: true });
}

void main();
