import http from "node:http";
import { bodyPool } from "./data";
import { r2, rows, step, type BenchServer } from "./context";
import { postLoad, type LoadResult } from "./load";

// The heavy pages under load: many reviewers opening the 1,000-turn session, its exports and
// the 3 MB pack at once must not bring the server down, and agents' captures must go on
// meanwhile with bounded latency.

export type HeavyUrl = { name: string; path: string };

type Got = { status: number; bytes: number; ms: number; error?: string };

/** One GET on its own connection, the whole body read (and dropped). */
function getOnce(url: string, headers: Record<string, string>, timeoutMs = 180_000): Promise<Got> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - t0 }));
      res.on("error", (err) => resolve({ status: 0, bytes, ms: performance.now() - t0, error: err.message }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (err) => resolve({ status: 0, bytes: 0, ms: performance.now() - t0, error: err.message }));
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `concurrent` loads of each heavy URL at once, URL after URL, `repeats` times. A server that
 * exits is counted and started again (`restart`), so that the rest is still measured.
 */
export async function heavyConcurrency(
  first: BenchServer,
  urls: HeavyUrl[],
  concurrent: number,
  repeats: number,
  restart: () => Promise<BenchServer>,
): Promise<BenchServer> {
  let app = first;
  let exits = 0;
  let failed = 0;
  const killers: string[] = [];
  for (let round = 1; round <= repeats; round++) {
    for (const u of urls) {
      step(`round ${round}/${repeats}: ${concurrent} concurrent loads of ${u.name}`);
      const got = await Promise.all(Array.from({ length: concurrent }, () => getOnce(`${app.url}${u.path}`, app.headers)));
      const ok = got.filter((g) => g.status === 200);
      failed += got.length - ok.length;
      const times = got.map((g) => g.ms).sort((a, b) => a - b);
      rows.push({
        section: "heavy pages, concurrent",
        figure: `${u.name}, round ${round}: answered 200 / slowest / bytes each`,
        value: `${ok.length} of ${concurrent} / ${Math.round(times.at(-1)!)} ms / ${ok.length ? Math.round(ok[0].bytes / 1024) : 0} KB`,
        unit: "",
      });
      if (!alive(app.pid)) {
        exits++;
        killers.push(`${u.name} (round ${round})`);
        step(`the server exited under ${u.name}: starting it again`);
        await app.done();
        app = await restart();
      }
    }
  }
  rows.push({ section: "heavy pages, concurrent", figure: "server exits", value: exits, unit: "", goal: "0", pass: exits === 0 });
  if (killers.length) rows.push({ section: "heavy pages, concurrent", figure: "exited during", value: killers.join(", "), unit: "" });
  rows.push({ section: "heavy pages, concurrent", figure: "loads not answered 200", value: failed, unit: "" });
  const capture = await app.fetch("/api/interactions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bodyPool(1, 9)[0]) });
  rows.push({ section: "heavy pages, concurrent", figure: "a capture right after", value: `HTTP ${capture.status}`, unit: "", goal: "201", pass: capture.status === 201 });
  return app;
}

/** `clients` loops, each loading the heavy URLs in turn until stopped. */
function readersLoop(app: BenchServer, urls: HeavyUrl[], clients: number) {
  let stop = false;
  let loads = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; !stop; i++) {
      await getOnce(`${app.url}${urls[i % urls.length].path}`, app.headers);
      loads++;
    }
  });
  return {
    stop: async () => {
      stop = true;
      await Promise.all(loops);
      return loads;
    },
  };
}

/**
 * Capture latency at a steady rate, alone and while `readers` clients load heavy pages, in
 * the same run: alternated slices so that a change in the machine's load hits both.
 */
export async function captureUnderReads(app: BenchServer, urls: HeavyUrl[], opts: { readers: number; seconds: number; slices: number; rate: number }) {
  const bodies = bodyPool(200, 5).map((b) => JSON.stringify(b));
  const capture = () => postLoad(`${app.url}/api/interactions`, bodies, 4, opts.seconds, app.headers, opts.rate);
  const alone: LoadResult[] = [];
  const withReads: LoadResult[] = [];
  let loads = 0;
  for (let s = 0; s < opts.slices; s++) {
    step(`capture at ${opts.rate} req/s for ${opts.seconds} s, alone, then with ${opts.readers} clients loading heavy pages (${s + 1}/${opts.slices})`);
    alone.push(await capture());
    const readers = readersLoop(app, urls, opts.readers);
    withReads.push(await capture());
    loads += await readers.stop();
  }
  const p99 = (rs: LoadResult[]) => Math.max(...rs.map((r) => r.p99));
  const bad = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const [a, w] = [p99(alone), p99(withReads)];
  rows.push({ section: "capture under heavy reads", figure: `capture p99, no reads (${opts.rate} req/s, 4 connections)`, value: a, unit: "ms" });
  rows.push({ section: "capture under heavy reads", figure: `capture p99, ${opts.readers} clients loading heavy pages`, value: w, unit: "ms" });
  rows.push({ section: "capture under heavy reads", figure: "heavy page loads meanwhile", value: loads, unit: "" });
  rows.push({ section: "capture under heavy reads", figure: "captures failed (no reads / with reads)", value: `${bad(alone)} / ${bad(withReads)}`, unit: "" });
  rows.push({ section: "capture under heavy reads", figure: "p99 with reads / p99 without", value: r2(w / a), unit: "x", goal: "<= 2x", pass: w / a <= 2 && bad(withReads) === 0 });
}
