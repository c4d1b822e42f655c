import { spawn } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";

// `npx tsx bench/first-page.ts APP_DIR DB_FILE`: what the first page views cost right after a
// server starts on a large database (a built app in APP_DIR, `next start`, access control off).
// For each page: a fresh copy of the database, a fresh server, then the page as soon as the
// health check answers: time to first byte and to the last byte, with a list request (the
// API) sent 500 ms into the page view to see whether it waits for it. Then the same page
// again on the same server.

type Timing = { ttfb: number; total: number; status: number };

function get(url: string): Promise<Timing> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const ttfb = performance.now() - t0;
        res.resume();
        res.on("end", () => resolve({ ttfb, total: performance.now() - t0, status: res.statusCode ?? 0 }));
      })
      .on("error", reject);
  });
}

async function startApp(appDir: string, dbFile: string, port: number) {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${dbFile}`, AUTH_DISABLED: "1", LOG_LEVEL: "warn" },
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = performance.now();
  for (;;) {
    try {
      if ((await get(`http://127.0.0.1:${port}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ready: performance.now() - started, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

const r0 = (n: number) => Math.round(n);

async function main() {
  const [appDir, dbFile] = process.argv.slice(2);
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  for (const page of ["/interactions", "/audit"]) {
    const copy = path.join(path.dirname(dbFile), `first-page-copy.db`);
    copyFileSync(dbFile, copy);
    const app = await startApp(appDir, copy, port);
    const first = get(base + page);
    await new Promise((r) => setTimeout(r, 500));
    const list = await get(`${base}/api/interactions?limit=50`);
    const f = await first;
    const again = await get(base + page);
    console.log(
      JSON.stringify({
        page,
        ready_ms: r0(app.ready),
        first: { ttfb_ms: r0(f.ttfb), total_ms: r0(f.total), status: f.status },
        list_during_first_ms: r0(list.total),
        second: { ttfb_ms: r0(again.ttfb), total_ms: r0(again.total) },
      }),
    );
    app.stop();
    await new Promise((r) => setTimeout(r, 1500));
    for (const suffix of ["", "-wal", "-shm"]) rmSync(copy + suffix, { force: true });
  }
}

void main();
