import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { createTestDatabase } from "../tests/helpers/test-database";
// @ts-expect-error plain .mjs module without types
import { serverEnv } from "../scripts/server-flags.mjs";
import type { LoadResult } from "./load";
import type { Row } from "./report";
import { watchRss } from "./rss";

// The state one `npm run bench` run shares between its parts: the mode's sizes, the database
// it runs on, the table of figures and notes it builds, and what to clean up at the end.

const argv = process.argv.slice(2);
const dbArg = argv.includes("--db") ? argv[argv.indexOf("--db") + 1] : "sqlite";
if (dbArg !== "sqlite" && dbArg !== "postgres") throw new Error(`--db must be sqlite or postgres (got ${dbArg})`);
export const DB: "sqlite" | "postgres" = dbArg;
const quick = argv.includes("--quick");
/** `--only ingest`: just the OTLP and Claude Code hook figures (bench/ingest.ts), in results/ingest-<mode>. */
export const ONLY = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
if (ONLY !== null && ONLY !== "ingest") throw new Error(`--only takes ingest (got ${ONLY})`);

// importRows: the realistic set imported with `npm run import` and measured page by page;
// big: the set seeded straight into the database for the figures at scale.
export const P = quick
  ? { mode: "quick", warmSeconds: 1, rounds: 2, sliceSeconds: 3, importRows: 20_000, big: 50_000, samples: 30, repeats: 1, captureSeconds: 4, captureSlices: 2 }
  : { mode: "full", warmSeconds: 2, rounds: 4, sliceSeconds: 5, importRows: 200_000, big: 1_000_000, samples: 200, repeats: 3, captureSeconds: 10, captureSlices: 3 };
/** The results' file name: quick/full on SQLite, postgres-quick/postgres-full on PostgreSQL. */
export const RESULT_NAME = DB === "sqlite" ? P.mode : `${DB}-${P.mode}`;
export const CONNECTIONS = 8;
export const BATCH = 100;

export const rows: Row[] = [];
export const notes: string[] = [];
export const cleanups: (() => Promise<void> | void)[] = [];
const t0 = performance.now();
export const elapsed = () => (performance.now() - t0) / 1000;
export const step = (what: string) => console.log(`[bench ${elapsed().toFixed(0).padStart(4)} s] ${what}`);
export const r1 = (n: number) => Math.round(n * 10) / 10;
export const r2 = (n: number) => Math.round(n * 100) / 100;
export const sizeLabel = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`);

export type BenchDatabase = { url: string; file?: string; drop: () => Promise<void> };

/**
 * A throwaway database of the run's kind, dropped at the end (or earlier by drop()). SQLite
 * files are not named like the tests' temporary databases, which other runs may clean up;
 * PostgreSQL ones are the tests' atocore_test_bench_* on TEST_POSTGRES_URL's cluster.
 */
export async function benchDatabase(label: string, kind = DB): Promise<BenchDatabase> {
  let db: BenchDatabase;
  if (kind === "sqlite") {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), `bench-run-${label}-`)), "audit.db");
    db = { url: `file:${file}`, file, drop: async () => rmSync(path.dirname(file), { recursive: true, force: true }) };
  } else {
    db = await createTestDatabase(`bench_${label}`, "postgres");
  }
  let dropped = false;
  const drop = async () => {
    if (!dropped) await db.drop();
    dropped = true;
  };
  cleanups.push(drop);
  return { ...db, drop };
}

let peakRss = 0;
export const runPeakRss = () => peakRss;

export type BenchServer = RunningServer & { done: () => Promise<void> };

const MB = (bytes: number) => Math.round(bytes / 2 ** 20);

/** What next-server holds now (app/api/bench/memory): resident set, V8 heap used / committed, buffers outside the heap. */
async function memoryRow(s: RunningServer, phase: string) {
  const res = await s.fetch("/api/bench/memory").catch(() => null);
  if (!res?.ok) return; // a server that exited has nothing to report
  const m = (await res.json()) as { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  rows.push({
    section: "memory",
    figure: `next-server after ${phase}: RSS / heap used / heap committed / external`,
    value: `${MB(m.rss)} / ${MB(m.heapUsed)} / ${MB(m.heapTotal)} / ${MB(m.external)}`,
    unit: "MB",
  });
}

/**
 * Starts the production server on `db` (bench routes on, the heap flags `npm start` uses);
 * done() records what it holds and its peak RSS under `phase`, then stops it.
 */
export async function server(phase: string, env: Record<string, string>, db: BenchDatabase): Promise<BenchServer> {
  const { MALLOC_ARENA_MAX, NODE_OPTIONS } = serverEnv({}) as Record<string, string>;
  const s = await startServer({ env: { BENCH_ROUTES: "1", MALLOC_ARENA_MAX, NODE_OPTIONS, ...env }, databaseUrl: db.url });
  const rss = watchRss(s.pid);
  let stopped = false;
  const done = async () => {
    if (stopped) return;
    stopped = true;
    await memoryRow(s, phase);
    const peak = rss.stop();
    peakRss = Math.max(peakRss, peak.group);
    rows.push({ section: "memory", figure: `peak RSS during ${phase}: process group / next-server`, value: `${MB(peak.group)} / ${MB(peak.leader)}`, unit: "MB" });
    await s.stop();
  };
  cleanups.push(done);
  return { ...s, done };
}

export function loadRows(section: string, name: string, r: LoadResult) {
  if (r.errors || r.non2xx) notes.push(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers out of ${r.requests}`);
  rows.push({ section, figure: `${name} req/s`, value: r1(r.rps), unit: "req/s" });
  rows.push({ section, figure: `${name} p50`, value: r.p50, unit: "ms" });
  rows.push({ section, figure: `${name} p99`, value: r.p99, unit: "ms" });
}

/**
 * The server a phase runs against, started again when it has exited (a heavy page may take it
 * down): each exit is counted with what was running, so the rest of the phase is still measured.
 */
export class LiveServer {
  readonly exits: string[] = [];
  private constructor(
    public app: BenchServer,
    private readonly start: () => Promise<BenchServer>,
  ) {}

  static async start(start: () => Promise<BenchServer>): Promise<LiveServer> {
    return new LiveServer(await start(), start);
  }

  alive(): boolean {
    try {
      process.kill(this.app.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** After `what`: true when the server is still up, else counts the exit and starts a new one. */
  async survived(what: string): Promise<boolean> {
    if (this.alive()) return true;
    this.exits.push(what);
    step(`the server exited during ${what}: starting it again`);
    await this.app.done();
    this.app = await this.start();
    return false;
  }

  done = () => this.app.done();
}
