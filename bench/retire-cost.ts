import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { refreshItemsSteps, removeSightingsSteps } from "@/lib/db/sql/item-index-removal";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { runSteps } from "@/lib/db/sqlite/run-steps";

// `npx tsx bench/retire-cost.ts [--rows N]`: what a retention batch of 500 interactions costs
// the memory audit's item index on SQLite, against items offered in every turn (issue 25). Each
// turn sights 3 items that every turn carries (4 versions each over time), 7 drawn Zipf-like
// from 20,000, in 3 projects. Same run, same batches (each rolled back):
// - recompute: the figures of every touched item recomputed from all its remaining sightings
//   (the statements the batch ran before the item index was kept by difference), and
// - difference: lib/db/sql/item-index-removal.ts.
// Writes bench/results/retire-cost.{json,md}.

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 300_000);
const BATCH = 500;
const RUNS = Number(process.env.RUNS ?? 7);
const HOT = 3;
const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-bench-retire-"));
const file = path.join(dir, "retire.db");

function seed(db: Database.Database) {
  const t0 = performance.now();
  const insert = db.prepare(
    `INSERT INTO item_sightings (interaction_seq, kind, item_id, version_id, offered, used, created_at, project, client)
     VALUES (?, 'memory', ?, NULL, 1, ?, ?, ?, 'claude-code')`,
  );
  let r = 1;
  const rand = () => ((r = (r * 48271) % 2147483647) / 2147483647);
  db.transaction(() => {
    for (let seq = 1; seq <= ROWS; seq++) {
      const at = Date.UTC(2026, 0, 1) + seq * 60_000;
      const project = `project-${seq % 3}`;
      const ids = new Set<string>();
      for (let h = 0; h < HOT; h++) ids.add(`hot-${h}`);
      while (ids.size < HOT + 7) ids.add(`mem-${Math.floor(Math.exp(rand() * Math.log(20_001)) - 1)}`);
      for (const id of ids) insert.run(seq, id, rand() < 0.3 ? 1 : 0, at, project);
    }
  })();
  // Versions: the hot items drift (one version per quarter of the range), the others keep one.
  db.exec(`
    INSERT INTO item_versions (kind, item_id, content, content_md5, first_seen, last_seen, interactions)
    SELECT kind, item_id, v, randomblob(16), min(created_at), max(created_at), count(*) FROM (
      SELECT kind, item_id, created_at,
             CASE WHEN item_id LIKE 'hot-%' THEN '{"v":' || (interaction_seq * 4 / (${ROWS} + 1)) || '}' ELSE '{"v":0}' END AS v
      FROM item_sightings) GROUP BY kind, item_id, v;
    UPDATE item_sightings SET version_id = (SELECT id FROM item_versions v WHERE v.kind = item_sightings.kind AND v.item_id = item_sightings.item_id
      AND v.content = CASE WHEN item_sightings.item_id LIKE 'hot-%' THEN '{"v":' || (item_sightings.interaction_seq * 4 / (${ROWS} + 1)) || '}' ELSE '{"v":0}' END);
    INSERT INTO item_stats (kind, item_id, offered, used, used_unoffered, use_rate, first_seen, last_seen, versions)
    SELECT kind, item_id, sum(offered), sum(used), sum(used * (1 - offered)), sum(used) * 1.0 / sum(offered), min(created_at), max(created_at),
           (SELECT count(*) FROM item_versions v WHERE v.kind = s.kind AND v.item_id = s.item_id)
    FROM item_sightings s GROUP BY kind, item_id;
    INSERT INTO item_projects (kind, item_id, project) SELECT DISTINCT kind, item_id, project FROM item_sightings;
    ANALYZE;`);
  const n = (db.prepare("SELECT count(*) AS n FROM item_sightings").get() as { n: number }).n;
  console.log(`seeded ${ROWS.toLocaleString("en")} turns, ${n.toLocaleString("en")} sightings in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

// The statements the retention batch ran before this change, kept here as the baseline.
const RECOMPUTE = [
  `DELETE FROM item_versions WHERE (kind, item_id) IN (SELECT kind, item_id FROM t)
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.version_id = item_versions.id)`,
  `UPDATE item_versions SET (first_seen, last_seen, interactions) =
    (SELECT min(s.created_at), max(s.created_at), count(*) FROM item_sightings s WHERE s.version_id = item_versions.id)
    WHERE (kind, item_id) IN (SELECT kind, item_id FROM t)`,
  `DELETE FROM item_stats WHERE (kind, item_id) IN (SELECT kind, item_id FROM t)
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.kind = item_stats.kind AND s.item_id = item_stats.item_id)`,
  `UPDATE item_stats SET (offered, used, used_unoffered, use_rate, first_seen, last_seen) =
    (SELECT sum(s.offered), sum(s.used), sum(s.used * (1 - s.offered)),
            CASE WHEN sum(s.offered) = 0 THEN -1 ELSE sum(s.used) * 1.0 / sum(s.offered) END, min(s.created_at), max(s.created_at)
     FROM item_sightings s WHERE s.kind = item_stats.kind AND s.item_id = item_stats.item_id),
    versions = (SELECT count(*) FROM item_versions v WHERE v.kind = item_stats.kind AND v.item_id = item_stats.item_id)
    WHERE (kind, item_id) IN (SELECT kind, item_id FROM t)`,
  `DELETE FROM item_projects WHERE (kind, item_id) IN (SELECT kind, item_id FROM t)
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.kind = item_projects.kind AND s.item_id = item_projects.item_id AND s.project = item_projects.project)`,
].map((sql) => `WITH t(kind, item_id) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)) ${sql}`);

function recompute(db: Database.Database, seqs: number[]) {
  const inSeqs = `interaction_seq IN (${seqs.join(",")})`;
  const items = db.prepare(`SELECT DISTINCT kind, item_id FROM item_sightings WHERE ${inSeqs}`).all() as { kind: string; item_id: string }[];
  db.exec(`DELETE FROM item_sightings WHERE ${inSeqs}`);
  const targets = JSON.stringify(items.map((i) => [i.kind, i.item_id]));
  for (const sql of RECOMPUTE) db.prepare(sql).run(targets);
}

function difference(db: Database.Database, seqs: number[]) {
  runSteps(db, (function* () {
    yield* refreshItemsSteps("sqlite", yield* removeSightingsSteps(seqs));
  })());
}

/** Milliseconds the batch at `offset` (oldest first) takes, rolled back. */
function time(db: Database.Database, how: (db: Database.Database, seqs: number[]) => void, offset: number): number {
  const seqs = Array.from({ length: BATCH }, (_, i) => offset + i + 1);
  db.exec("BEGIN IMMEDIATE");
  const t0 = performance.now();
  how(db, seqs);
  const elapsed = performance.now() - t0;
  db.exec("ROLLBACK");
  return elapsed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

migrateSqlite(file);
const db = new Database(file);
db.pragma("journal_mode = WAL");
// The item index alone: its sightings stand without interaction rows.
db.pragma("foreign_keys = OFF");
seed(db);
const results = { recompute: [] as number[], difference: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  // Alternating, each on the same batch: the oldest 500 turns, as retention takes them.
  results.recompute.push(time(db, recompute, 0));
  results.difference.push(time(db, difference, 0));
}
db.close();
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });

const out = {
  rows: ROWS,
  sightings_per_turn: HOT + 7,
  hot_items: HOT,
  batch: BATCH,
  runs: RUNS,
  recompute_median_ms: median(results.recompute),
  difference_median_ms: median(results.difference),
  ratio: median(results.difference) / median(results.recompute),
  at: new Date().toISOString(),
};
const md = [
  `# Retention batch: the item index's share (${ROWS.toLocaleString("en")} turns, ${HOT} items in every turn, batch of ${BATCH})`,
  "",
  "| | median ms |",
  "|---|---:|",
  `| recompute from all remaining sightings (before) | ${out.recompute_median_ms.toFixed(1)} |`,
  `| by difference (lib/db/sql/item-index-removal.ts) | ${out.difference_median_ms.toFixed(1)} |`,
  "",
  `Ratio difference / recompute: ${out.ratio.toFixed(3)} (${RUNS} runs each, alternating, same batch, rolled back).`,
  "",
].join("\n");
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/retire-cost.json", `${JSON.stringify(out, null, 2)}\n`);
writeFileSync("bench/results/retire-cost.md", md);
console.log(md);
