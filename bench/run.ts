import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "@/lib/db/migrate";
import { applyPragmas } from "@/lib/db/pragmas";
import { encodeCursor } from "@/lib/interactions/cursor";
// @ts-expect-error plain .mjs module without types
import { ensureBuild } from "../scripts/build-state.mjs";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { bodyPool, type Body } from "./data";
import { rowInserter } from "./insert-rows";
import { combine, getLatency, postLoad, type Latency, type LoadResult } from "./load";
import { readPaths } from "./read-paths";
import { listQueryPlans, planProblems, type QueryPlan } from "./query-plans";
import { machine, printTable, writeResults, type Row } from "./report";
import { watchRss } from "./rss";
import { seedInteractions, type SeedInfo } from "./seed";

// `npm run bench [-- --quick]`: every figure of issue 6 in one run, each comparison made
// against a reference measured in the same run (the machine is shared: ratios hold, absolute
// numbers drift). Prints a table against the goals and writes bench/results/<mode>.{json,md}.

const quick = process.argv.includes("--quick");
const P = quick
  ? { mode: "quick", warmSeconds: 1, rounds: 2, sliceSeconds: 3, small: 10_000, big: 100_000, samples: 30 }
  : { mode: "full", warmSeconds: 2, rounds: 4, sliceSeconds: 5, small: 10_000, big: 1_000_000, samples: 200 };
const CONNECTIONS = 8;
const BATCH = 100;

const rows: Row[] = [];
const notes: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
const started = new Date();
const t0 = performance.now();
const step = (what: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${what}`);
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
let peakRss = 0;

const removeDb = (file: string) => rmSync(path.dirname(file), { recursive: true, force: true });

// Not named like the tests' temporary databases (tempDbFile), which other runs may clean up.
function tempDb(label: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), `bench-run-${label}-`)), "audit.db");
  cleanups.push(() => removeDb(file));
  return file;
}

/** Starts the production server; done() stops it and records its peak RSS under `phase`. */
async function server(phase: string, env: Record<string, string>, dbFile: string): Promise<RunningServer & { done: () => Promise<void> }> {
  const s = await startServer({ env, dbFile });
  const rss = watchRss(s.pid);
  let stopped = false;
  const done = async () => {
    if (stopped) return;
    stopped = true;
    const peak = rss.stop();
    peakRss = Math.max(peakRss, peak);
    rows.push({ section: "memory", figure: `server peak RSS during ${phase}`, value: Math.round(peak / 2 ** 20), unit: "MB" });
    await s.stop();
  };
  cleanups.push(done);
  return { ...s, done };
}

function loadRows(section: string, name: string, r: LoadResult) {
  if (r.errors || r.non2xx) notes.push(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers out of ${r.requests}`);
  rows.push({ section, figure: `${name} req/s`, value: r1(r.rps), unit: "req/s" });
  rows.push({ section, figure: `${name} p50`, value: r.p50, unit: "ms" });
  rows.push({ section, figure: `${name} p99`, value: r.p99, unit: "ms" });
}

async function startBare(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts", dbFile], { stdio: ["ignore", "pipe", "inherit"] });
  cleanups.push(() => void child.kill());
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Raw better-sqlite3 inserting the same rows in transactions of BATCH, into its own database. */
function rawInserter(bodies: Body[]) {
  const file = tempDb("raw");
  migrateSqlite(file);
  const db = new Database(file);
  applyPragmas(db);
  const insertRow = rowInserter(db);
  const rowsToStore = bodies.map((b) => ({ ...b, context_pack: JSON.stringify(b.context_pack) }));
  const tx = db.transaction((from: number) => {
    const now = Date.now();
    for (let i = from; i < from + BATCH; i++) insertRow(rowsToStore[i % rowsToStore.length], now);
  });
  let n = 0;
  return {
    /** Inserts for `seconds`; the slice as a LoadResult whose "requests" are rows. */
    run(seconds: number): LoadResult {
      const start = performance.now();
      const from = n;
      while (performance.now() - start < seconds * 1000) {
        tx.immediate(n);
        n += BATCH;
      }
      const took = (performance.now() - start) / 1000;
      return { rps: (n - from) / took, p50: 0, p99: 0, requests: n - from, seconds: took, errors: 0, non2xx: 0 };
    },
    close: () => db.close(),
  };
}

async function writePath() {
  const pool = bodyPool(200);
  const singles = pool.map((b) => JSON.stringify(b));
  const batches = Array.from({ length: 10 }, (_, k) =>
    JSON.stringify({ interactions: Array.from({ length: BATCH }, (_, i) => pool[(k * BATCH + i) % pool.length]) }),
  );
  notes.push(`Capture bodies: ~${Math.round(singles.reduce((n, s) => n + s.length, 0) / singles.length)} bytes each (context pack ~4 KB, 1-4 memories, several chunks); batch bodies ~${Math.round(batches[0].length / 1024)} KB.`);
  notes.push(`Load: ${P.rounds} rounds of ${P.sliceSeconds} s slices per target, targets taken in turn within each round (so a change in the machine's load hits all of them); req/s over all slices, p50 the median slice's, p99 the worst slice's.`);

  const app = await server("capture and batch load", { BENCH_ROUTES: "1" }, tempDb("write"));
  const bare = await startBare(tempDb("bare"));
  const targets = {
    capture: `${app.url}/api/interactions`,
    noop: `${app.url}/api/bench/noop`,
    bare: `${bare.url}/`,
  };
  const slices: Record<keyof typeof targets, LoadResult[]> = { capture: [], noop: [], bare: [] };
  step(`single capture, (a) trivial route, (b) bare node:http: ${CONNECTIONS} connections, ${P.rounds} x ${P.sliceSeconds} s each`);
  // Every target gets the same token header; only the app checks it.
  const load = (url: string, bodies: string[], seconds: number) => postLoad(url, bodies, CONNECTIONS, seconds, app.headers);
  for (const url of Object.values(targets)) await load(url, singles, P.warmSeconds);
  for (let round = 0; round < P.rounds; round++) {
    for (const [name, url] of Object.entries(targets)) slices[name as keyof typeof targets].push(await load(url, singles, P.sliceSeconds));
  }
  bare.child.kill();
  const [capture, noop, floor] = [combine(slices.capture), combine(slices.noop), combine(slices.bare)];

  loadRows("single capture", "capture", capture);
  rows.push({ section: "single capture", figure: "capture p99 (goal)", value: capture.p99, unit: "ms", goal: "<= 50 ms", pass: capture.p99 <= 50 && !capture.non2xx });
  loadRows("single capture", "(a) trivial route", noop);
  loadRows("single capture", "(b) bare node:http", floor);
  const vsNoop = capture.rps / noop.rps;
  rows.push({ section: "single capture", figure: "capture / (a) trivial route", value: r2(vsNoop), unit: "x", goal: ">= 0.8x", pass: vsNoop >= 0.8 && !capture.non2xx && !noop.non2xx });
  rows.push({ section: "single capture", figure: "capture / (b) bare node:http", value: r2(capture.rps / floor.rps), unit: "x" });

  step(`batch of ${BATCH} (${CONNECTIONS} connections) and raw better-sqlite3 (transactions of ${BATCH}), ${P.rounds} x ${P.sliceSeconds} s each`);
  const raw = rawInserter(pool);
  await load(`${app.url}/api/interactions/batch`, batches, P.warmSeconds);
  const batchSlices: LoadResult[] = [];
  const rawSlices: LoadResult[] = [];
  for (let round = 0; round < P.rounds; round++) {
    batchSlices.push(await load(`${app.url}/api/interactions/batch`, batches, P.sliceSeconds));
    rawSlices.push(raw.run(P.sliceSeconds));
  }
  raw.close();
  notes.push(
    `Raw reference (batch): the same migrated schema, so the FTS5 and session-summary triggers fire and interaction_uses rows are written; it writes no audit-chain link (app code, not a trigger), which the batch pays for (a hash pair and a chain row per item).`,
  );
  await app.done();
  const batch = combine(batchSlices);
  const rawRate = combine(rawSlices).rps;
  const batchRows = batch.rps * BATCH;
  if (batch.errors || batch.non2xx) notes.push(`batch: ${batch.errors} errors, ${batch.non2xx} non-2xx answers`);
  rows.push({ section: "batch capture", figure: `batch of ${BATCH} rows/s`, value: Math.round(batchRows), unit: "rows/s" });
  rows.push({ section: "batch capture", figure: "batch p50 / p99", value: `${batch.p50} / ${batch.p99}`, unit: "ms" });
  rows.push({ section: "batch capture", figure: `raw better-sqlite3 (tx of ${BATCH}) rows/s`, value: Math.round(rawRate), unit: "rows/s" });
  rows.push({ section: "batch capture", figure: "batch / raw", value: r2(batchRows / rawRate), unit: "x", goal: ">= 0.6x", pass: batchRows / rawRate >= 0.6 && !batch.non2xx });
}

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

/** A keyset cursor 90% of the way down the newest-first list. */
function deepCursor(file: string, total: number): string {
  const db = new Database(file, { readonly: true });
  const row = db
    .prepare("SELECT created_at, seq FROM interactions ORDER BY created_at DESC, seq DESC LIMIT 1 OFFSET ?")
    .get(Math.floor(total * 0.9)) as { created_at: number; seq: number };
  db.close();
  return encodeCursor({ createdAt: row.created_at, seq: row.seq });
}

async function queriesAt(size: number): Promise<{ p95: Record<string, number>; plans: QueryPlan[] }> {
  const file = tempDb(`q${size}`);
  migrateSqlite(file);
  step(`seeding ${size.toLocaleString("en")} interactions`);
  const info = seedInteractions(file, {
    rows: size,
    projects: 200,
    clients: 20,
    sessions: Math.min(50_000, Math.max(100, Math.round(size / 20))),
    days: 90,
    longSessionTurns: 1000,
  });
  const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
  notes.push(`Seed of ${label}: ${info.rows.toLocaleString("en")} rows in ${info.seconds.toFixed(1)} s, ${Math.round(info.dbBytes / 2 ** 20)} MB.`);
  const queries: Record<string, string> = { ...listQueries(info), "deep keyset page": `cursor=${deepCursor(file, info.rows)}` };
  step(`list read path in-process at ${label} rows: Prisma vs prepared better-sqlite3 vs splice`);
  const paths = await readPaths(file, info.project, P.samples);
  for (const [how, t] of Object.entries(paths)) {
    rows.push({ section: `read path at ${label}`, figure: `${how} p50 / p95`, value: `${r2(t.p50)} / ${r2(t.p95)}`, unit: "ms" });
  }
  rows.push({ section: `read path at ${label}`, figure: "prepared / Prisma (p50)", value: r2(paths.prepared.p50 / paths.prisma.p50), unit: "x" });
  rows.push({ section: `read path at ${label}`, figure: "splice / prepared (p50)", value: r2(paths["prepared + splice"].p50 / paths.prepared.p50), unit: "x" });
  const app = await server(`queries at ${label} rows`, {}, file);
  step(`queries at ${label} rows, one connection, ${P.samples} samples each`);
  const p95: Record<string, number> = {};
  for (const [name, query] of Object.entries(queries)) {
    const l = await getLatency(`${app.url}/api/interactions?${query}`, P.samples, app.headers);
    p95[name] = l.p95;
    const ok = l.status === 200;
    rows.push({ section: `list at ${label}`, figure: `${name} p50`, value: ok ? r2(l.p50) : `HTTP ${l.status}`, unit: ok ? "ms" : "" });
    rows.push({ section: `list at ${label}`, figure: `${name} p95`, value: ok ? r2(l.p95) : `HTTP ${l.status}`, unit: ok ? "ms" : "", goal: "<= 15 ms", pass: ok && l.p95 <= 15 });
  }
  // Next compresses answers on the fly when the client accepts gzip (fetch does): the cost of
  // that on a list page, against the same page uncompressed, in the same run.
  const encoded: Record<string, Latency> = {};
  for (const encoding of ["gzip", "identity"]) {
    encoded[encoding] = await getLatency(`${app.url}/api/interactions?${queries.project}`, P.samples, { ...app.headers, "accept-encoding": encoding });
    const l = encoded[encoding];
    rows.push({ section: `list at ${label}`, figure: `project, accept-encoding ${encoding}: p50 / p95`, value: `${r2(l.p50)} / ${r2(l.p95)}`, unit: "ms" });
  }
  rows.push({ section: `list at ${label}`, figure: "project p50, identity / gzip", value: r2(encoded.identity.p50 / encoded.gzip.p50), unit: "x" });
  const pages: [string, string, string][] = [
    ["GET /api/sessions/{id}, 1,000 turns", `/api/sessions/${info.longSession}`, "<= 100 ms"],
    ["HTML of /interactions?project=...", `/interactions?project=${info.project}`, ""],
  ];
  for (const [name, urlPath, goal] of pages) {
    const l = await getLatency(`${app.url}${urlPath}`, Math.max(20, P.samples / 4), app.headers);
    if (l.status !== 200) {
      rows.push({ section: `pages at ${label}`, figure: name, value: `not available (HTTP ${l.status})`, unit: "" });
      continue;
    }
    rows.push({ section: `pages at ${label}`, figure: `${name} p50`, value: r2(l.p50), unit: "ms" });
    rows.push({ section: `pages at ${label}`, figure: `${name} p95`, value: r2(l.p95), unit: "ms", ...(goal && { goal, pass: l.p95 <= 100 }) });
  }
  await app.done();
  step("EXPLAIN QUERY PLAN of each list query");
  const plans = listQueryPlans(file, queries).map((p) => ({ ...p, name: `${p.name} (${label} rows)` }));
  for (const p of plans) {
    const problems = planProblems(p.plan);
    rows.push({ section: "query plans", figure: p.name, value: p.plan.join("; "), unit: "", goal: "index, no temp B-tree", pass: problems.length === 0 });
  }
  removeDb(file); // gigabytes at full size: not kept until the end
  return { p95, plans };
}

async function main() {
  const m = machine();
  step(`mode ${P.mode}; ${m.cpu}; load average ${m.load_average_at_start.join(" ")}`);
  step("production build (rebuilt only when sources changed)");
  ensureBuild({ quiet: true });
  await writePath();
  notes.push(
    `Seeds write straight into the database with the triggers on (the FTS5 index and session summaries stay consistent); they bypass the audit chain, so a verify would report the seeded rows as unchained.`,
  );
  const small = await queriesAt(P.small);
  const big = await queriesAt(P.big);
  for (const name of Object.keys(small.p95)) {
    const ratio = big.p95[name] / small.p95[name];
    rows.push({ section: "growth", figure: `${name}: p95 at ${P.big.toLocaleString("en")} / at ${P.small.toLocaleString("en")}`, value: r2(ratio), unit: "x", goal: "<= 2x", pass: ratio <= 2 });
  }
  rows.push({ section: "memory", figure: "server peak RSS, whole run", value: Math.round(peakRss / 2 ** 20), unit: "MB", goal: "<= 300 MB", pass: peakRss <= 300 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  console.log("");
  printTable(rows);
  const dir = writeResults(P.mode, { mode: P.mode, started: started.toISOString(), seconds, machine: m, rows, plans: big.plans, notes });
  console.log(`\n${P.mode} run took ${seconds.toFixed(0)} s; results in ${path.relative(process.cwd(), dir)}/${P.mode}.{json,md}`);
}

try {
  await main();
} finally {
  for (const c of cleanups.reverse()) await c();
}
