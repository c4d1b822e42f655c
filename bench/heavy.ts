import { bodyPool } from "./data";
import { r2, rows, step, type LiveServer } from "./context";
import { getOnce, postLoad, readersLoop, type LoadResult } from "./load";

// The heavy pages under load: many reviewers opening the 1,000-turn session, its exports and
// the 3 MB pack at once must not bring the server down, and agents' captures must go on
// meanwhile with bounded latency.

export type HeavyUrl = { name: string; path: string };

/**
 * `concurrent` loads of each heavy URL at once, URL after URL, `repeats` times. A server that
 * exits is counted and started again, so that the rest is still measured.
 */
export async function heavyConcurrency(live: LiveServer, urls: HeavyUrl[], concurrent: number, repeats: number) {
  const exitsBefore = live.exits.length;
  let failed = 0;
  for (let round = 1; round <= repeats; round++) {
    for (const u of urls) {
      step(`round ${round}/${repeats}: ${concurrent} concurrent loads of ${u.name}`);
      const app = live.app;
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
      await live.survived(`${concurrent} concurrent loads of ${u.name} (round ${round})`);
    }
  }
  const exits = live.exits.slice(exitsBefore);
  rows.push({ section: "heavy pages, concurrent", figure: "server exits", value: exits.length, unit: "", goal: "0", pass: exits.length === 0 });
  if (exits.length) rows.push({ section: "heavy pages, concurrent", figure: "exited during", value: exits.join("; "), unit: "" });
  rows.push({ section: "heavy pages, concurrent", figure: "loads not answered 200", value: failed, unit: "" });
  const capture = await live.app.fetch("/api/interactions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bodyPool(1, 9)[0]) });
  rows.push({ section: "heavy pages, concurrent", figure: "a capture right after", value: `HTTP ${capture.status}`, unit: "", goal: "201", pass: capture.status === 201 });
}

/** `clients` loops, each loading the heavy URLs in turn until stopped or the server is gone. */
/**
 * Capture latency at a steady rate, alone and while `readers` clients load heavy pages, in
 * the same run: alternated slices so that a change in the machine's load hits both.
 */
export async function captureUnderReads(live: LiveServer, urls: HeavyUrl[], opts: { readers: number; seconds: number; slices: number; rate: number }) {
  const bodies = bodyPool(200, 5).map((b) => JSON.stringify(b));
  const capture = () => postLoad(`${live.app.url}/api/interactions`, bodies, 4, opts.seconds, live.app.headers, opts.rate);
  const alone: LoadResult[] = [];
  const withReads: LoadResult[] = [];
  const exitsBefore = live.exits.length;
  let loads = 0;
  for (let s = 0; s < opts.slices; s++) {
    step(`capture at ${opts.rate} req/s for ${opts.seconds} s, alone, then with ${opts.readers} clients loading heavy pages (${s + 1}/${opts.slices})`);
    alone.push(await capture());
    const readers = readersLoop(live.app, urls.map((u) => u.path), opts.readers, () => live.alive());
    withReads.push(await capture());
    loads += (await readers.stop()).loads;
    await live.survived("capture with heavy reads");
  }
  const p99 = (rs: LoadResult[]) => Math.max(...rs.map((r) => r.p99));
  const bad = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const [a, w] = [p99(alone), p99(withReads)];
  const section = "capture under heavy reads";
  rows.push({ section, figure: `capture p99, no reads (${opts.rate} req/s, 4 connections)`, value: a, unit: "ms" });
  rows.push({ section, figure: `capture p99, ${opts.readers} clients loading heavy pages`, value: w, unit: "ms" });
  rows.push({ section, figure: "heavy page loads completed meanwhile", value: loads, unit: "" });
  rows.push({ section, figure: "captures failed (no reads / with reads)", value: `${bad(alone)} / ${bad(withReads)}`, unit: "" });
  rows.push({ section, figure: "server exits meanwhile", value: live.exits.length - exitsBefore, unit: "" });
  rows.push({ section, figure: "p99 with reads / p99 without", value: r2(w / a), unit: "x", goal: "<= 2x", pass: w / a <= 2 && bad(withReads) === 0 });
}
