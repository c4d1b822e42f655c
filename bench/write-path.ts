import { execFileSync, spawn } from "node:child_process";
import { BATCH, benchDatabase, cleanups, CONNECTIONS, DB, loadRows, notes, P, r2, rows, server, step, type BenchDatabase, type BenchServer } from "./context";
import { addCpuDelta, cpuTimes, emptyCpuTimes, THREAD_KINDS, type CpuTimes } from "./cpu";
import { bodyPool } from "./data";
import { combine, parallel, postLoad, type LoadResult } from "./load";
import { rawInserter } from "./raw-insert";

// The write figures: single capture against the trivial route (a) and the bare node:http
// floor (b), batch capture against raw driver inserts, and on PostgreSQL capture spread over
// two app servers on one database against one server, every comparison in the same run.

async function startBare(url: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts", url], { stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => void child.kill();
  cleanups.push(stop);
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop };
}

type Load = (url: string, bodies: string[], seconds: number, connections?: number) => Promise<LoadResult>;

type Measured = { cpu: CpuTimes; loadGeneratorMs: number; requests: number };

/** A target whose server's CPU (cpu.ts) and the load generator's own are added up over its slices. */
function measured(pid: number, run: (seconds: number) => Promise<LoadResult>) {
  const total: Measured = { cpu: emptyCpuTimes(), loadGeneratorMs: 0, requests: 0 };
  const target = async (seconds: number) => {
    const before = cpuTimes(pid);
    const own = process.cpuUsage();
    const result = await run(seconds);
    const { user, system } = process.cpuUsage(own);
    addCpuDelta(total.cpu, before, cpuTimes(pid));
    total.loadGeneratorMs += (user + system) / 1000;
    total.requests += result.requests;
    return result;
  };
  return { target, total };
}

function cpuRows(name: string, { cpu, loadGeneratorMs, requests }: Measured) {
  const per = (ms: number) => (requests ? ms / requests : 0).toFixed(2);
  rows.push({
    section: "single capture",
    figure: `${name} CPU per request: event loop / worker threads / V8 and libuv helpers / load generator`,
    value: `${THREAD_KINDS.map((k) => per(cpu[k].ranMs)).join(" / ")} / ${per(loadGeneratorMs)}`,
    unit: "ms",
  });
  rows.push({ section: "single capture", figure: `${name} event loop's wait for a core per request`, value: per(cpu["event loop"].waitedMs), unit: "ms" });
}

/**
 * Slices of each target taken in turn within each round (a change in the machine's load hits
 * all of them). Each round starts one target further on, so that each target follows each of
 * the others equally often: measured, the order alone moved capture / trivial route between
 * 0.56x and 0.91x, the capture's rate staying put while the trivial route's changed with what
 * ran before it. Before each slice the page cache is written back (sync), so that no slice
 * pays for the previous one's writes.
 */
async function interleaved<K extends string>(targets: Record<K, (seconds: number) => Promise<LoadResult>>): Promise<Record<K, LoadResult>> {
  const names = Object.keys(targets) as K[];
  for (const name of names) await targets[name](P.warmSeconds);
  const slices = Object.fromEntries(names.map((n) => [n, [] as LoadResult[]])) as Record<K, LoadResult[]>;
  for (let round = 0; round < P.rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      execFileSync("sync");
      slices[name].push(await targets[name](P.sliceSeconds));
    }
  }
  return Object.fromEntries(names.map((n) => [n, combine(slices[n])])) as Record<K, LoadResult>;
}

async function singleCapture(app: BenchServer, load: Load, singles: string[], db: BenchDatabase) {
  const bare = await startBare((await benchDatabase("bare")).url);
  // SQLite: the same load on a second server on the same database whose writes run on its event
  // loop (SQLITE_WRITE_THREAD=0), so that what the write thread brings is measured in this run.
  const inline = DB === "sqlite" ? await server("capture with writes on the event loop", { SQLITE_WRITE_THREAD: "0" }, db) : undefined;
  step(`single capture, (a) trivial route, (b) bare node:http${inline ? ", writes on the event loop" : ""}: ${CONNECTIONS} connections, ${P.rounds} x ${P.sliceSeconds} s each`);
  const captured = measured(app.pid, (s) => load(`${app.url}/api/interactions`, singles, s));
  const trivial = measured(app.pid, (s) => load(`${app.url}/api/bench/noop`, singles, s));
  const targets: Record<string, (seconds: number) => Promise<LoadResult>> = {
    capture: captured.target,
    noop: trivial.target,
    floor: (s) => load(`${bare.url}/`, singles, s),
  };
  if (inline) targets.inline = (s) => load(`${inline.url}/api/interactions`, singles, s);
  const { capture, noop, floor, inline: onEventLoop } = await interleaved(targets);
  bare.stop();
  await inline?.done();
  loadRows("single capture", "capture", capture);
  rows.push({ section: "single capture", figure: "capture p99 (goal)", value: capture.p99, unit: "ms", goal: "<= 50 ms", pass: capture.p99 <= 50 && !capture.non2xx });
  loadRows("single capture", "(a) trivial route", noop);
  loadRows("single capture", `(b) bare node:http + ${DB === "sqlite" ? "better-sqlite3" : "pg"}`, floor);
  const vsNoop = capture.rps / noop.rps;
  rows.push({ section: "single capture", figure: "capture / (a) trivial route", value: r2(vsNoop), unit: "x", goal: ">= 0.8x", pass: vsNoop >= 0.8 && !capture.non2xx && !noop.non2xx });
  rows.push({ section: "single capture", figure: "capture / (b) bare node:http", value: r2(capture.rps / floor.rps), unit: "x" });
  cpuRows("capture", captured.total);
  cpuRows("(a) trivial route", trivial.total);
  notes.push(
    "CPU per request (bench/cpu.ts, from /proc, warm-up slices included): each of the server's threads' time, by kind; worker threads are the SQLite write thread, helpers V8's (GC) and libuv's. The event loop's wait is time it was ready to run while every core was busy. The capture's rate is its event loop's share of the two cores divided by its event-loop time per request.",
  );
  if (onEventLoop) {
    loadRows("single capture", "capture, writes on the event loop (SQLITE_WRITE_THREAD=0)", onEventLoop);
    rows.push({ section: "single capture", figure: "capture / writes on the event loop", value: r2(capture.rps / onEventLoop.rps), unit: "x" });
  }
}

async function batchCapture(app: BenchServer, load: Load, batches: string[], pool: ReturnType<typeof bodyPool>) {
  const raw = await rawInserter(await benchDatabase("raw"), pool);
  step(`batch of ${BATCH} (${CONNECTIONS} connections) and ${raw.label}, ${P.rounds} x ${P.sliceSeconds} s each`);
  const { batch, direct } = await interleaved({
    batch: (s) => load(`${app.url}/api/interactions/batch`, batches, s),
    direct: (s) => raw.run(s),
  });
  await raw.close();
  notes.push(
    `Raw reference (batch): the same migrated schema, so the full-text and session-summary triggers fire and interaction_uses rows are written; it writes no audit-chain link (app code, not a trigger), which the batch pays for (a hash pair and a chain row per item).`,
  );
  const batchRows = batch.rps * BATCH;
  if (batch.errors || batch.non2xx) notes.push(`batch: ${batch.errors} errors, ${batch.non2xx} non-2xx answers`);
  rows.push({ section: "batch capture", figure: `batch of ${BATCH} rows/s`, value: Math.round(batchRows), unit: "rows/s" });
  rows.push({ section: "batch capture", figure: "batch p50 / p99", value: `${batch.p50} / ${batch.p99}`, unit: "ms" });
  rows.push({ section: "batch capture", figure: `${raw.label} rows/s`, value: Math.round(direct.rps), unit: "rows/s" });
  rows.push({ section: "batch capture", figure: "batch / raw", value: r2(batchRows / direct.rps), unit: "x", goal: ">= 0.6x", pass: batchRows / direct.rps >= 0.6 && !batch.non2xx });
}

/** PostgreSQL only: the same capture load on one server, and split over it and a second one on the same database. */
async function twoServers(app: BenchServer, load: Load, singles: string[], db: Awaited<ReturnType<typeof benchDatabase>>) {
  const second = await server("capture on the second of two servers", {}, db);
  const half = CONNECTIONS / 2;
  step(`capture on one server vs two (${half} + ${half} connections), ${P.rounds} x ${P.sliceSeconds} s each`);
  const { one, two } = await interleaved({
    one: (s) => load(`${app.url}/api/interactions`, singles, s),
    two: async (s) => parallel(await Promise.all([app, second].map((x) => load(`${x.url}/api/interactions`, singles, s, half)))),
  });
  await second.done();
  loadRows("two servers", "capture, one server", one);
  loadRows("two servers", `capture, two servers (${half} + ${half} connections)`, two);
  rows.push({ section: "two servers", figure: "two servers / one server", value: r2(two.rps / one.rps), unit: "x" });
  notes.push(
    `Two servers: two next-server processes on different ports against one PostgreSQL, the same ${CONNECTIONS} connections split over them; on this 2-core machine they share the cores with PostgreSQL and the load generator, so the row shows that nothing serialises across servers, not the gain of a second machine.`,
  );
}

export async function writePath() {
  const pool = bodyPool(200);
  const singles = pool.map((b) => JSON.stringify(b));
  const batches = Array.from({ length: 10 }, (_, k) =>
    JSON.stringify({ interactions: Array.from({ length: BATCH }, (_, i) => pool[(k * BATCH + i) % pool.length]) }),
  );
  notes.push(`Capture bodies: ~${Math.round(singles.reduce((n, s) => n + s.length, 0) / singles.length)} bytes each (context pack ~4 KB, 1-4 memories, several chunks); batch bodies ~${Math.round(batches[0].length / 1024)} KB.`);
  notes.push(`Load: ${P.rounds} rounds of ${P.sliceSeconds} s slices per target, targets taken in turn within each round, each round starting one target further on, the page cache written back (sync) before each slice; req/s over all slices, p50 the median slice's, p99 the worst slice's.`);

  const db = await benchDatabase("write");
  const app = await server("capture and batch load", { BENCH_ROUTES: "1" }, db);
  // Every target gets the same token header; only the app checks it (the second server shares the database, so the token too).
  const load: Load = (url, bodies, seconds, connections = CONNECTIONS) => postLoad(url, bodies, connections, seconds, app.headers);
  await singleCapture(app, load, singles, db);
  await batchCapture(app, load, batches, pool);
  if (DB === "postgres") await twoServers(app, load, singles, db);
  await app.done();
}
