// Big context packs (issue 20): `npx tsx bench/big-pack.ts [--db postgres]`. Seeds PACKS
// interactions, each with a ~3 MB pack of 3,000 memories and chunks, starts the production
// server with its heap flags, and measures the detail page (bytes, time to first byte, whole
// answer, cold and warm), the pack API's filters, and the server's memory while every pack is
// asked for at once. Writes bench/results/big-pack[-postgres].{json,md}. Needs a current build.
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { bigPack } from "../tests/helpers/big-pack";
import { insertRows } from "../tests/helpers/direct-rows";
import { withDatabase } from "../tests/helpers/open-db";
import { benchDatabase, cleanups, DB, elapsed, notes, r1, rows, server, step } from "./context";
import { machine, printTable, writeResults } from "./report";

const PACKS = 8;
const SAMPLES = 20;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function timed(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const reader = res.body!.getReader();
  let first = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first) first = performance.now() - t0;
    bytes += value.byteLength;
  }
  return { status: res.status, firstMs: first, totalMs: performance.now() - t0, bytes };
}

async function main() {
  const started = new Date();
  step(`big packs on ${DB}`);
  const db = await benchDatabase("pack");
  const s = await server("big packs", { LOG_LEVEL: "warn" }, db);
  const headers = { ...s.headers, cookie: `${SESSION_COOKIE}=${s.token}` };
  const packs = Array.from({ length: PACKS }, (_, i) => bigPack({ marker: `zebra-${i}` }));
  const seeded = await withDatabase(s.databaseUrl, (conn) =>
    insertRows(
      conn,
      packs.map((p, i) => ({
        prompt: `big pack ${i}`,
        memories_used: JSON.stringify(p.memoriesUsed),
        chunks_used: JSON.stringify(p.chunksUsed),
        context_pack: JSON.stringify(p.pack),
        created_at: Date.now() + i,
      })),
    ),
  );
  const ids = seeded.map((r) => r.id);
  const packBytes = Buffer.byteLength(JSON.stringify(packs[0].pack));
  step(`seeded ${PACKS} packs of ${(packBytes / 2 ** 20).toFixed(2)} MB, 3,000 items each`);
  // Any page once, so the route's code is loaded before anything is timed.
  await timed(`${s.url}/interactions`, headers);

  const cold = await timed(`${s.url}/interactions/${ids[0]}`, headers);
  const warm: { firstMs: number; totalMs: number; bytes: number }[] = [];
  for (let i = 0; i < SAMPLES; i++) warm.push(await timed(`${s.url}/interactions/${ids[0]}`, headers));
  rows.push({ section: "page", figure: "3 MB-pack detail page HTML", value: r1(warm[0].bytes / 1024), unit: "KB", goal: "<= 1024 KB", pass: warm[0].bytes <= 2 ** 20 });
  rows.push({ section: "page", figure: "detail page, first view of the pack (index built): first byte / whole", value: `${r1(cold.firstMs)} / ${r1(cold.totalMs)}`, unit: "ms", goal: "<= 1500 ms", pass: cold.totalMs <= 1500 });
  const warmTotal = warm.map((w) => w.totalMs);
  rows.push({ section: "page", figure: "detail page, later views: p50 / p95 whole answer", value: `${r1(pct(warmTotal, 50))} / ${r1(pct(warmTotal, 95))}`, unit: "ms", goal: "<= 1500 ms", pass: pct(warmTotal, 95) <= 1500 });

  const api = async (name: string, query: string) => {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const r = await timed(`${s.url}/api/interactions/${ids[0]}/pack?${query}`, headers);
      if (r.status !== 200) throw new Error(`${name}: ${r.status}`);
      times.push(r.totalMs);
    }
    rows.push({ section: "pack api", figure: `${name}: p50 / p95`, value: `${r1(pct(times, 50))} / ${r1(pct(times, 95))}`, unit: "ms", goal: "<= 200 ms", pass: pct(times, 95) <= 200 });
  };
  await api("text filter over 3,000 items", "q=zebra-0");
  await api("used items only", "used=1");
  await api("used + text, under /chunks", "pointer=/chunks&used=1&q=deploy");
  await api("a page deep in the pack", "offset=2900&limit=100");
  await api("one item whole", "pointer=/memories/1317");
  await api("expand=1 page of 200", "limit=200&expand=1");

  // Every pack at once, none cached but the first: builds queue (two at a time) instead of
  // multiplying the heap.
  const t0 = performance.now();
  const all = await Promise.all(ids.flatMap((id) => [0, 1].map(() => timed(`${s.url}/interactions/${id}`, headers))));
  const failed = all.filter((r) => r.status !== 200).length;
  rows.push({ section: "memory", figure: `${all.length} detail pages of ${PACKS} different 3 MB packs at once: failures / seconds`, value: `${failed} / ${r1((performance.now() - t0) / 1000)}`, unit: "", goal: "0 failures", pass: failed === 0 });
  const m = (await (await s.fetch("/api/bench/memory")).json()) as { heapUsed: number };
  rows.push({ section: "memory", figure: "heap used after that", value: Math.round(m.heapUsed / 2 ** 20), unit: "MB", goal: "< 256 MB", pass: m.heapUsed < 256 * 2 ** 20 });
  await s.done();

  printTable(rows);
  notes.push(`Pack: ${PACKS} interactions, each ${(packBytes / 2 ** 20).toFixed(2)} MB of JSON, 1,500 memories + 1,500 chunks of ~700 mixed-script characters (tests/helpers/big-pack.ts).`);
  const name = DB === "sqlite" ? "big-pack" : "big-pack-postgres";
  writeResults(name, { mode: `big packs, ${DB}`, started: started.toISOString(), seconds: elapsed(), machine: { ...machine(), database: DB }, rows, plans: [], notes });
  console.log(`results in bench/results/${name}.{json,md}`);
}

try {
  await main();
} finally {
  for (const c of cleanups.reverse()) await c();
}
