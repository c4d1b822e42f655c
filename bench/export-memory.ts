// Measures the server's memory during a large export: `npx tsx bench/export-memory.ts [ROWS]`
// (default 1,000,000). Fills a temporary database, starts the production server on it,
// downloads the whole JSONL export (pausing once, as a slow client would) and samples the
// resident set size of the server's processes. Needs a current build (`npm run build`).
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { startServer, tempDbFile } from "../tests/helpers/server";

const rows = Number(process.argv[2] ?? 1_000_000);
const dbFile = tempDbFile("bench-export");

function fill() {
  migrateSqlite(dbFile);
  const db = new Database(dbFile);
  db.pragma("synchronous = OFF");
  const insert = db.prepare(
    `INSERT INTO interactions (id, prompt, response, project, client, session_id, memories_used, chunks_used, context_pack, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pack = JSON.stringify({ memories: [{ id: "mem-1", text: "x".repeat(300) }], chunks: [{ id: "doc#1", text: "y".repeat(300) }] });
  const t0 = Date.UTC(2026, 0, 1);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      insert.run(randomUUID(), `prompt ${i} ${"p".repeat(200)}`, "r".repeat(300), `proj-${i % 10}`, "claude-code", `s-${i % 1000}`, '["mem-1"]', '["doc#1"]', pack, t0 + i * 10);
    }
  });
  for (let i = 0; i < rows; i += 50_000) batch(i, Math.min(rows, i + 50_000));
  db.close();
}

/** The pids whose environment names our database: next start and the processes it runs. */
function serverPids(): number[] {
  const marker = `DATABASE_URL=file:${dbFile}`;
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/environ`, "utf8").split("\0").includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return Math.round(kb / 1024);
}

async function main() {
  let t = Date.now();
  fill();
  console.log(`filled ${rows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const server = await startServer({ dbFile, env: { LOG_LEVEL: "warn" } });
  try {
    const pids = serverPids();
    // Warm up the route (first request compiles and loads it) before the baseline.
    await (await fetch(`${server.url}/api/interactions/export?project=none`)).text();
    const baseline = rssMb(pids);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pids))), 100);

    t = Date.now();
    const res = await fetch(`${server.url}/api/interactions/export?format=jsonl`);
    const reader = res.body!.getReader();
    let bytes = 0;
    let lines = 0;
    let paused = false;
    let duringPause = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
      if (!paused && lines > rows / 2) {
        // A client that stops reading: backpressure must stop the server reading rows too.
        paused = true;
        const before = rssMb(pids);
        await new Promise((r) => setTimeout(r, 3000));
        duringPause = rssMb(pids) - before;
      }
    }
    const seconds = (Date.now() - t) / 1000;
    clearInterval(sampler);
    console.log(
      JSON.stringify({
        rows: lines,
        mb: Math.round(bytes / 1e6),
        seconds: Number(seconds.toFixed(1)),
        rows_per_s: Math.round(lines / seconds),
        rss_mb_baseline: baseline,
        rss_mb_peak: peak,
        rss_mb_growth_while_client_paused_3s: duringPause,
        server_processes: pids.length,
      }),
    );
  } finally {
    await server.stop();
    rmSync(path.dirname(dbFile), { recursive: true, force: true });
  }
}

void main();
