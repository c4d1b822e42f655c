import http from "node:http";
import autocannon from "autocannon";

export type LoadResult = { rps: number; p50: number; p99: number; requests: number; seconds: number; errors: number; non2xx: number };

/**
 * POSTs the bodies in turn at `connections` for `seconds` with autocannon (`headers` on each
 * request; JSON unless they name another content-type), as fast as answered or at `rate`
 * requests a second in all.
 */
export async function postLoad(
  url: string,
  bodies: (string | Buffer)[],
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
  rate?: number,
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(rate && { overallRate: rate }),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    seconds: result.duration,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Slices of one target taken in turn with the others: the rate over all of them, the median
 * slice's p50 and the worst slice's p99. Interleaving keeps a shared machine's changing load
 * from favouring whichever target happened to run in a quiet moment.
 */
export function combine(slices: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => slices.reduce((n, r) => n + f(r), 0);
  const p50s = slices.map((r) => r.p50).sort((a, b) => a - b);
  return {
    rps: sum((r) => r.requests) / sum((r) => r.seconds),
    p50: p50s[Math.floor(p50s.length / 2)],
    p99: Math.max(...slices.map((r) => r.p99)),
    requests: sum((r) => r.requests),
    seconds: sum((r) => r.seconds),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
}

export type Latency = { p50: number; p95: number; n: number; status: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** One GET on a kept-alive connection: the status, with the whole body read. */
function get(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

// A fresh server's first requests run unoptimised code: measured on a 50-row list page, p50 /
// p95 were 11.7 / 44 ms over the first 50 requests and 8 / 12 ms from then on. Five warm-up
// requests left that in the p95 of 200 samples.
const WARM_UP = 50;

/**
 * GETs one URL `n` times in a row (one kept-alive connection, after a warm-up): p50 and
 * p95 in ms. node:http rather than fetch: the client shares the server's two cores, and
 * fetch's web streams cost it 1-3 ms of CPU per 200 KB answer that were counted as latency.
 */
export async function getLatency(url: string, n: number, headers: Record<string, string> = {}): Promise<Latency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const times: number[] = [];
  let status = 0;
  try {
    for (let i = -WARM_UP; i < n; i++) {
      const t0 = performance.now();
      // A refused or dropped connection (the server exited) ends the series as status 0.
      status = await get(agent, target, headers).catch(() => 0);
      if (i >= 0) times.push(performance.now() - t0);
      if (status < 200 || status > 299) break;
    }
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, status };
}

/** Loads run at the same time against different targets, as one: rates add up, the worst latencies count. */
export function parallel(results: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    rps: sum((r) => r.rps),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    requests: sum((r) => r.requests),
    seconds: Math.max(...results.map((r) => r.seconds)),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
}

type Got = { status: number; bytes: number; ms: number; error?: string };

/** One GET on its own connection, the whole body read (and dropped). */
export function getOnce(url: string, headers: Record<string, string>, timeoutMs = 180_000): Promise<Got> {
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

/**
 * `clients` clients each loading `paths` of `app` in turn, back to back, until stopped: how many
 * loads, each one's time, and how many answered other than 2xx. A client whose server is gone
 * (`alive`) stops.
 */
export function readersLoop(app: { url: string; headers: Record<string, string> }, paths: string[], clients: number, alive: () => boolean = () => true) {
  let stop = false;
  const ms: number[] = [];
  let failed = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; !stop; i++) {
      const got = await getOnce(`${app.url}${paths[i % paths.length]}`, app.headers);
      if (got.status === 0 && !alive()) return;
      ms.push(got.ms);
      if (got.status < 200 || got.status > 299) failed++;
    }
  });
  return {
    stop: async () => {
      stop = true;
      await Promise.all(loops);
      return { loads: ms.length, ms, failed };
    },
  };
}
