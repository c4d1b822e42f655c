import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { migrateSqlite, readMigrations } from "@/lib/db/migrate";
import { rowInserter } from "./insert-rows";
import { CLIENTS, captureBody, int, PROJECTS, rng, type Body } from "./data";

// Seeds interactions straight into a new database, fast: one connection, no fsync, the
// secondary indexes dropped during the load and rebuilt after (one sorted pass each), rows
// written in time order so seq follows created_at as it does in production. The rows go into
// the first migration's tables; the later migrations then build the full-text index and the
// session summaries from them in bulk, as they do when they upgrade a database that already
// holds interactions. Firing their triggers once per row would double a seed's time, and the
// rows and what is derived from them come out the same.

export type SeedSpec = { rows: number; projects: number; clients: number; sessions: number; days: number; longSessionTurns: number };
export type SeedInfo = {
  rows: number;
  seconds: number;
  dbBytes: number;
  /** The most captured project and client, a typical session, and the long session. */
  project: string;
  client: string;
  session: string;
  longSession: string;
  newest: number;
};

const DAY = 86_400_000;

/** The bench's database of `rows` interactions: 200 projects, 20 clients, ~20 turns a session, 90 days. */
export function seedSpecFor(rows: number): SeedSpec {
  return { rows, projects: 200, clients: 20, sessions: Math.min(50_000, Math.max(100, Math.round(rows / 20))), days: 90, longSessionTurns: 1000 };
}

/** Turns per session: one long session, the rest a skewed spread around rows/sessions. */
function sessionPlan(spec: SeedSpec, r: () => number) {
  const projects = PROJECTS(spec.projects);
  const clients = CLIENTS(spec.clients);
  const weights = Array.from({ length: spec.sessions - 1 }, () => -Math.log(1 - r()));
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = spec.rows - spec.longSessionTurns;
  const turns = weights.map((w) => Math.max(1, Math.round((w / total) * rest)));
  turns.unshift(spec.longSessionTurns);
  // Projects are not equal: a few hold much of the traffic (Zipf-like), clients less so.
  const project = () => projects[Math.min(projects.length - 1, Math.floor(projects.length * r() ** 2.5))];
  return turns.map((n, i) => ({
    turns: n,
    id: i === 0 ? "bench-long-session" : `sess-${randomUUID()}`,
    project: project(),
    client: clients[Math.floor(clients.length * r() ** 1.5)],
  }));
}

/**
 * What a seed writes, the same on both databases: every turn of every session as (time,
 * session, body from the pool), in capture order so seq follows created_at as in production.
 * Text is drawn from a pool of generated bodies (packs of 0.5-4 KB) so generation stays cheap.
 */
export function seedPlan(spec: SeedSpec, now: number) {
  const r = rng(42);
  const sessions = sessionPlan(spec, r);
  let n = 0;
  for (const s of sessions) n += s.turns;
  n = Math.min(n, spec.rows);
  const times = new Float64Array(n);
  const owner = new Int32Array(n);
  let k = 0;
  const span = spec.days * DAY;
  sessions.forEach((s, si) => {
    let t = now - span + r() * Math.max(0, span - s.turns * 180_000);
    for (let i = 0; i < s.turns && k < n; i++, k++) {
      times[k] = Math.floor(t);
      owner[k] = si;
      t += int(r, 15_000, 180_000);
    }
  });
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a] - times[b]);
  const pool: Body[] = Array.from({ length: 400 }, () => captureBody(r, { project: "", client: "", session_id: "" }, int(r, 500, 4000)));
  const bodyOf = Uint16Array.from({ length: n }, () => Math.floor(r() * pool.length));
  return { n, sessions, times, owner, order, pool, bodyOf, newest: times[order[n - 1]] };
}

/** Creates the database at `file` and seeds it. */
export function seedInteractions(file: string, spec: SeedSpec, now = Date.now()): SeedInfo {
  const started = performance.now();
  const { n, sessions, times, owner, order, pool, bodyOf, newest } = seedPlan(spec, now);
  const packs = pool.map((b) => JSON.stringify(b.context_pack));
  const migrations = readMigrations();
  migrateSqlite(file, migrations.slice(0, 1));

  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('interactions', 'interaction_uses') AND name != 'interactions_id_key'`,
    )
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);

  const insertRow = rowInserter(db);
  const load = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const j = order[i];
      const s = sessions[owner[j]];
      const p = bodyOf[j];
      insertRow({ ...pool[p], project: s.project, client: s.client, session_id: s.id, context_pack: packs[p] }, times[j]);
    }
  });
  for (let i = 0; i < n; i += 20_000) load(i, Math.min(n, i + 20_000));
  for (const ix of indexes) db.exec(ix.sql);
  migrateSqlite(file, migrations);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const { page_count, page_size } = {
    page_count: db.pragma("page_count", { simple: true }) as number,
    page_size: db.pragma("page_size", { simple: true }) as number,
  };

  const count = (col: string) =>
    (db.prepare(`SELECT ${col} AS v FROM interactions GROUP BY ${col} ORDER BY count(*) DESC LIMIT 1`).get() as { v: string }).v;
  const info: SeedInfo = {
    rows: n,
    seconds: (performance.now() - started) / 1000,
    dbBytes: page_count * page_size,
    project: count("project"),
    client: count("client"),
    session: sessions[Math.floor(sessions.length / 2)].id,
    longSession: sessions[0].id,
    newest,
  };
  db.close();
  return info;
}
