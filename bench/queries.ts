import Database from "better-sqlite3";
import pg from "pg";
import { encodeCursor } from "@/lib/interactions/cursor";
import { P, r2, rows, sizeLabel, step, type BenchDatabase, type BenchServer } from "./context";
import { getLatency, type Latency } from "./load";
import { listQueryPlans, planProblems, type QueryPlan } from "./query-plans";
import { listQueryPlansPostgres, planLines, postgresPlanProblems } from "./query-plans-postgres";
import { readPaths } from "./read-paths";
import type { SeedInfo } from "./seed";

// The read figures at one table size, on a database already filled: each list filter at one
// connection, a deep keyset page, the 1,000-turn session's API, the list's HTML page, and the
// plan of every list query.

const since = (info: SeedInfo, days: number) => new Date(info.newest - days * 86_400_000).toISOString();

function listQueries(info: SeedInfo): Record<string, string> {
  return {
    none: "",
    project: `project=${info.project}`,
    client: `client=${info.client}`,
    session: `session_id=${info.session}`,
    since: `since=${since(info, 1)}`,
    "project+client+since": `project=${info.project}&client=${info.client}&since=${since(info, 7)}`,
  };
}

const DEEP = "ORDER BY created_at DESC, seq DESC LIMIT 1 OFFSET";

/** A keyset cursor 90% of the way down the newest-first list. */
async function deepCursor(db: BenchDatabase, total: number): Promise<string> {
  const offset = Math.floor(total * 0.9);
  if (db.file) {
    const sqlite = new Database(db.file, { readonly: true });
    const row = sqlite.prepare(`SELECT created_at, seq FROM interactions ${DEEP} ?`).get(offset) as { created_at: number; seq: number };
    sqlite.close();
    return encodeCursor({ createdAt: row.created_at, seq: row.seq });
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows: found } = await client.query<{ created_at: Date; seq: number }>(`SELECT created_at, seq FROM interactions ${DEEP} $1`, [offset]);
  await client.end();
  return encodeCursor({ createdAt: found[0].created_at.getTime(), seq: found[0].seq });
}

async function plansOf(db: BenchDatabase, queries: Record<string, string>) {
  if (db.file) return listQueryPlans(db.file, queries).map((p) => ({ ...p, problems: planProblems(p.plan) }));
  const plans = await listQueryPlansPostgres(db.url, queries);
  return plans.map((p) => ({ name: p.name, sql: p.sql, plan: planLines(p.plan), problems: postgresPlanProblems(p.plan) }));
}

/** SQLite only: the list's hottest read in-process, three ways (read-paths.ts). */
async function readPathRows(file: string, project: string, label: string) {
  step(`list read path in-process at ${label} rows: Prisma vs prepared better-sqlite3 vs splice`);
  const paths = await readPaths(file, project, P.samples);
  for (const [how, t] of Object.entries(paths)) {
    rows.push({ section: `read path at ${label}`, figure: `${how} p50 / p95`, value: `${r2(t.p50)} / ${r2(t.p95)}`, unit: "ms" });
  }
  rows.push({ section: `read path at ${label}`, figure: "prepared / Prisma (p50)", value: r2(paths.prepared.p50 / paths.prisma.p50), unit: "x" });
  rows.push({ section: `read path at ${label}`, figure: "splice / prepared (p50)", value: r2(paths["prepared + splice"].p50 / paths.prepared.p50), unit: "x" });
}

export async function queriesAt(db: BenchDatabase, info: SeedInfo, app: BenchServer): Promise<{ p95: Record<string, number>; plans: QueryPlan[] }> {
  const label = sizeLabel(info.rows);
  const queries: Record<string, string> = { ...listQueries(info), "deep keyset page": `cursor=${await deepCursor(db, info.rows)}` };
  if (db.file) await readPathRows(db.file, info.project, label);
  step(`queries at ${label} rows, one connection, ${P.samples} samples each`);
  const p95: Record<string, number> = {};
  for (const [name, query] of Object.entries(queries)) {
    const l = await getLatency(`${app.url}/api/interactions?${query}`, P.samples, app.headers);
    p95[name] = l.p95;
    const ok = l.status === 200;
    rows.push({ section: `list at ${label}`, figure: `${name} p50`, value: ok ? r2(l.p50) : `HTTP ${l.status}`, unit: ok ? "ms" : "" });
    rows.push({ section: `list at ${label}`, figure: `${name} p95`, value: ok ? r2(l.p95) : `HTTP ${l.status}`, unit: ok ? "ms" : "", goal: "<= 15 ms", pass: ok && l.p95 <= 15 });
  }
  const pages: [string, string, string][] = [
    ["GET /api/sessions/{id}, 1,000 turns", `/api/sessions/${info.longSession}`, "<= 100 ms"],
    ["HTML of /interactions?project=...", `/interactions?project=${info.project}`, ""],
  ];
  for (const [name, urlPath, goal] of pages) {
    const l: Latency = await getLatency(`${app.url}${urlPath}`, Math.max(20, P.samples / 4), app.headers);
    if (l.status !== 200) {
      rows.push({ section: `pages at ${label}`, figure: name, value: `not available (HTTP ${l.status})`, unit: "" });
      continue;
    }
    rows.push({ section: `pages at ${label}`, figure: `${name} p50`, value: r2(l.p50), unit: "ms" });
    rows.push({ section: `pages at ${label}`, figure: `${name} p95`, value: r2(l.p95), unit: "ms", ...(goal && { goal, pass: l.p95 <= 100 }) });
  }
  step(`${db.file ? "EXPLAIN QUERY PLAN" : "EXPLAIN"} of each list query`);
  const plans = (await plansOf(db, queries)).map((p) => ({ ...p, name: `${p.name} (${label} rows)` }));
  for (const p of plans) {
    rows.push({ section: "query plans", figure: p.name, value: p.plan.join("; "), unit: "", goal: "index, no sort", pass: p.problems.length === 0 });
  }
  return { p95, plans };
}
