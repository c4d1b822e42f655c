import pg from "pg";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { randomUUID } from "node:crypto";
import { int, rng } from "@/lib/demo/generate-turns";
import { bodyPool } from "./data";
import type { SeedInfo } from "./seed";

// The PostgreSQL twin of seed.ts: the same plan (sessions, times, bodies) written straight into
// a migrated database, fast. The pool of bodies and the sessions go into temporary tables once;
// then each slice of rows is one INSERT ... SELECT over arrays of (time, session, body), in
// capture order so seq follows created_at. Like the SQLite seeder: no commit wait, secondary
// indexes dropped during the load and rebuilt after; then ANALYZE, as autovacuum would do.
//
// The two row triggers are off during the load and their tables filled in set-based passes
// that store what the triggers would have (per row they cost many times the load itself: the
// session summaries' upserts, and a search document per row):
//  - interactions_search: the trigger's own function (atocore_search_document) run once per
//    pooled body, each row getting its body's document;
//  - sessions, session_projects, session_clients: each session's turns, first time and latest
//    (created_at, seq), carried by every project and client row of the session, as the
//    trigger leaves them. Any other trigger stays on.
// interaction_uses is filled from the stored id lists in one pass.

const SLICE = 20_000;
const TRIGGERS = ["interactions_search_insert", "interactions_sessions_insert"];
const SUMMARIES = [
  `INSERT INTO sessions (session_id, turns, first_at, last_at, last_seq)
   SELECT DISTINCT ON (session_id) session_id, count(*) OVER w, min(created_at) OVER w, created_at, seq
   FROM interactions WHERE session_id <> '' WINDOW w AS (PARTITION BY session_id)
   ORDER BY session_id, created_at DESC, seq DESC`,
  ...["project", "client"].map(
    (col) => `INSERT INTO session_${col}s (session_id, ${col}, last_at, last_seq)
      SELECT DISTINCT i.session_id, i.${col}, s.last_at, s.last_seq FROM interactions i JOIN sessions s ON s.session_id = i.session_id`,
  ),
  `INSERT INTO interactions_search (seq, document) SELECT i.seq, b.document FROM interactions i
   JOIN seed_bodies b ON b.prompt = i.prompt AND b.response = i.response AND b.response_summary = i.response_summary`,
];

export type PgSeedSpec = { rows: number; projects: number; clients: number; sessions: number; days: number; longSessionTurns: number };

const labels = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${kind}-${String(i).padStart(3, "0")}`);

const DAY = 86_400_000;

/** Turns per session: one long session, the rest a skewed spread around rows/sessions. */
function sessionPlan(spec: PgSeedSpec, r: () => number) {
  const projects = labels("project", spec.projects);
  const clients = labels("client", spec.clients);
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
 * Text is drawn from a pool of generated bodies of the realistic shape (bench/data.ts) so generation stays cheap.
 */
function seedPlan(spec: PgSeedSpec, now: number) {
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
  const pool = bodyPool(400, 42);
  const bodyOf = Uint16Array.from({ length: n }, () => Math.floor(r() * pool.length));
  return { n, sessions, times, owner, order, pool, bodyOf, newest: times[order[n - 1]] };
}

export async function seedInteractionsPg(url: string, spec: PgSeedSpec, now = Date.now()): Promise<SeedInfo> {
  const started = performance.now();
  await migratePostgres(url);
  const { n, sessions, times, owner, order, pool, bodyOf, newest } = seedPlan(spec, now);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'");
    await client.query(`CREATE TEMP TABLE seed_bodies (b int PRIMARY KEY, prompt text, response text, response_summary text,
      memories_used jsonb, chunks_used jsonb, context_pack jsonb, document tsvector)`);
    await client.query(
      `INSERT INTO seed_bodies SELECT *, atocore_search_document(u.prompt, u.response, u.response_summary)
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::jsonb[])
           AS u(b, prompt, response, response_summary, memories_used, chunks_used, context_pack)`,
      [
        pool.map((_, i) => i),
        pool.map((b) => b.prompt),
        pool.map((b) => b.response),
        pool.map((b) => b.response_summary),
        pool.map((b) => JSON.stringify(b.memories_used)),
        pool.map((b) => JSON.stringify(b.chunks_used)),
        pool.map((b) => JSON.stringify(b.context_pack)),
      ],
    );
    await client.query("CREATE TEMP TABLE seed_sessions (s int PRIMARY KEY, id text, project text, client text)");
    await client.query("INSERT INTO seed_sessions SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])", [
      sessions.map((_, i) => i),
      sessions.map((s) => s.id),
      sessions.map((s) => s.project),
      sessions.map((s) => s.client),
    ]);

    const { rows: indexes } = await client.query<{ name: string; sql: string }>(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename IN ('interactions', 'interaction_uses', 'interactions_search')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
           AND i.indexname <> 'interactions_id_key'`,
    );
    for (const ix of indexes) await client.query(`DROP INDEX "${ix.name}"`);
    for (const t of TRIGGERS) await client.query(`ALTER TABLE interactions DISABLE TRIGGER "${t}"`);

    for (let from = 0; from < n; from += SLICE) {
      const idx = order.subarray(from, Math.min(n, from + SLICE));
      await client.query(
        `INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
           memories_used, chunks_used, context_pack, created_at)
         SELECT gen_random_uuid()::text, b.prompt, b.response, b.response_summary, s.project, s.client, s.id,
           b.memories_used, b.chunks_used, b.context_pack, to_timestamp(u.t / 1000.0)
         FROM unnest($1::float8[], $2::int[], $3::int[]) WITH ORDINALITY AS u(t, s, b, o)
         JOIN seed_sessions s ON s.s = u.s JOIN seed_bodies b ON b.b = u.b
         ORDER BY u.o`,
        [Array.from(idx, (j) => times[j]), Array.from(idx, (j) => owner[j]), Array.from(idx, (j) => bodyOf[j])],
      );
    }
    for (const t of TRIGGERS) await client.query(`ALTER TABLE interactions ENABLE TRIGGER "${t}"`);
    for (const sql of SUMMARIES) await client.query(sql);
    for (const [kind, column] of [["memory", "memories_used"], ["chunk", "chunks_used"]]) {
      await client.query(
        `INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at)
         SELECT i.seq, $1, u.item_id, i.created_at FROM interactions i, jsonb_array_elements_text(i.${column}) AS u(item_id)
         ON CONFLICT DO NOTHING`,
        [kind],
      );
    }
    for (const ix of indexes) await client.query(ix.sql);
    await client.query("ANALYZE");

    const top = async (col: string) =>
      (await client.query<{ v: string }>(`SELECT ${col} AS v FROM interactions GROUP BY ${col} ORDER BY count(*) DESC LIMIT 1`)).rows[0].v;
    const { rows: size } = await client.query<{ bytes: string }>("SELECT pg_database_size(current_database()) AS bytes");
    return {
      rows: n,
      seconds: (performance.now() - started) / 1000,
      dbBytes: Number(size[0].bytes),
      project: await top("project"),
      client: await top("client"),
      session: sessions[Math.floor(sessions.length / 2)].id,
      longSession: sessions[0].id,
      bigPackId: null,
      newest,
    };
  } finally {
    await client.end();
  }
}
