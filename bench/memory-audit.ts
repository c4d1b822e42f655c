import Database from "better-sqlite3";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readMigrations } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { applyPragmas } from "@/lib/db/sqlite/pragmas";
import { LONG_SESSION_PACK, realisticTurns, type Turn } from "@/lib/demo/generate-turns";
import type { StoreRow } from "@/lib/interactions/capture-outcome";
import { storeRows } from "@/lib/db/sqlite/store";
import { deferItemIndex, foldItemIndex, IDLE_FOLD, IDLE_FOLD_ROWS, yieldFoldsTo } from "@/lib/db/sqlite/item-index-fold";
import { startServer } from "../tests/helpers/server";
// @ts-expect-error plain .mjs module without types
import { serverEnv } from "../scripts/server-flags.mjs";
import { combine, postLoad, readersLoop, type LoadResult } from "./load";

// `npx tsx bench/memory-audit.ts [--captures N] [--backfill N]`: the memory audit's three goals
// (issue 23) on SQLite, with realistic packs (lib/demo/generate-turns.ts, the long session's
// packs of 50 items):
// 1. capture throughput with the item index against the same build with it switched off
//    (ITEM_INDEX=0, on a database of its own), interleaved in one run: in process, one capture per
//    transaction, with the index folded in after the captures as the server's write thread does
//    (lib/db/sqlite/item-index-fold.ts; the fold's time counted) and written by each capture's own
//    transaction as scripts do; and through two production servers at 8 connections, with the
//    time the index then takes to catch up (the next read of it folds what is pending);
// 2. the backfill migration over N interactions stored with the previous schema, every pack of
//    50 items (20 memories, 30 chunks, ~40 KB) as the goal says, run on 3 copies of it (the median
//    counts), extrapolated linearly to 1,000,000;
// 3. GET /api/memories?sort=use_rate's query (lib/db/memory-audit-sql.ts) p95 on that database;
//    and captures beside lists of a slice of it (capturesBesideSlices).
// Writes bench/results/memory-audit.{json,md}.

const MIGRATION = "20261207030000_item_index";
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CAPTURES = arg("captures", 2_000);
const BACKFILL = arg("backfill", 50_000);
const BACKFILL_RUNS = 3;
const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-bench-mem-"));
const now = Date.now();

function input(t: Turn): StoreRow["input"] {
  const { created_at: _at, ...body } = t;
  return { ...body, id: undefined } as StoreRow["input"];
}

function open(name: string, upTo?: string): Database.Database {
  const file = path.join(dir, `${name}.db`);
  migrateSqlite(file, readMigrations().filter((m) => upTo === undefined || m.name < upTo));
  const db = new Database(file);
  applyPragmas(db);
  return db;
}

function throughput() {
  const dbs = { folded: open("folded"), inline: open("inline"), off: open("off") };
  deferItemIndex(dbs.folded);
  // Folded in chunks as the write thread's idle fold is; no job ever waits here.
  yieldFoldsTo(dbs.folded, () => false);
  // Every capture carries a pack of 50 items (20 memories, 30 chunks), as the long session's do.
  const turns = [...realisticTurns({ rows: CAPTURES, longSessionTurns: CAPTURES, bigPack: false, project: 5, days: 30, now }).turns()].map(input);
  const time = { folded: 0, inline: 0, off: 0 };
  const one = (db: Database.Database) => db.transaction((row: StoreRow) => storeRows(db, [row]));
  const store = { folded: one(dbs.folded), inline: one(dbs.inline), off: one(dbs.off) };
  const fold = dbs.folded.transaction(() => foldItemIndex(dbs.folded, IDLE_FOLD));
  const sides = Object.keys(dbs) as (keyof typeof dbs)[];
  for (let at = 0, n = 0; at < turns.length; at += IDLE_FOLD_ROWS, n++) {
    for (const side of n % 2 === 0 ? sides : [...sides].reverse()) {
      process.env.ITEM_INDEX = side === "off" ? "0" : "1";
      const t0 = performance.now();
      for (const row of turns.slice(at, at + IDLE_FOLD_ROWS)) store[side].immediate({ input: row });
      if (side === "folded") fold.immediate();
      time[side] += performance.now() - t0;
    }
  }
  for (const db of Object.values(dbs)) db.close();
  delete process.env.ITEM_INDEX;
  const perSecond = (ms: number) => (turns.length / ms) * 1000;
  return {
    captures: turns.length,
    foldedPerSecond: perSecond(time.folded),
    inlinePerSecond: perSecond(time.inline),
    offPerSecond: perSecond(time.off),
    ratio: time.off / time.folded,
    inlineRatio: time.off / time.inline,
  };
}

/** The same comparison as agents see it: POST /api/interactions at 8 connections, slices taken in turn. */
async function overHttp(seconds = 5, rounds = 4) {
  const bodies = [...realisticTurns({ rows: 400, longSessionTurns: 400, bigPack: false, project: 5, days: 30, now, seed: 7 }).turns()].map((t) => JSON.stringify(input(t)));
  // With the memory settings of npm start, as the other benches' servers.
  const { MALLOC_ARENA_MAX, NODE_OPTIONS } = serverEnv({}) as Record<string, string>;
  const servers = {
    on: await startServer({ databaseUrl: `file:${path.join(dir, "http-on.db")}`, env: { MALLOC_ARENA_MAX, NODE_OPTIONS } }),
    off: await startServer({ databaseUrl: `file:${path.join(dir, "http-off.db")}`, env: { MALLOC_ARENA_MAX, NODE_OPTIONS, ITEM_INDEX: "0" } }),
  };
  const slices: Record<"on" | "off", LoadResult[]> = { on: [], off: [] };
  // After each load, the first read of the index (it folds what the load left pending).
  const catchUp = { on: 0, off: 0 };
  const LONG_SECONDS = 30;
  const long = {} as Record<"on" | "off", LoadResult>;
  const longCatchUp = { on: 0, off: 0 };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
        const s = servers[side];
        slices[side].push(await postLoad(`${s.url}/api/interactions`, bodies, 8, seconds, s.headers));
        const t0 = performance.now();
        const read = await fetch(`${s.url}/api/memories?limit=1`, { headers: s.headers });
        if (!read.ok) throw new Error(`GET /api/memories answered ${read.status}`);
        catchUp[side] += performance.now() - t0;
      }
    }
    // One load long enough to pass the backlog the server lets build up (2,000 interactions)
    // and run on with the fold going first: the steady state of a capture storm.
    for (const side of ["on", "off"] as const) {
      const s = servers[side];
      long[side] = await postLoad(`${s.url}/api/interactions`, bodies, 8, LONG_SECONDS, s.headers);
      const t0 = performance.now();
      await fetch(`${s.url}/api/memories?limit=1`, { headers: s.headers });
      longCatchUp[side] = performance.now() - t0;
    }
  } finally {
    await Promise.all([servers.on.stop(), servers.off.stop()]);
  }
  const on = combine(slices.on);
  const off = combine(slices.off);
  // Captures per second of load and catch-up together: what the server sustains with the index kept.
  const sustained = (r: LoadResult, ms: number) => r.requests / (seconds * rounds + ms / 1000);
  return {
    on,
    off,
    ratio: on.rps / off.rps,
    catchUpMs: { on: catchUp.on / rounds, off: catchUp.off / rounds },
    sustainedRatio: sustained(on, catchUp.on) / sustained(off, catchUp.off),
    long: { seconds: LONG_SECONDS, on: long.on, off: long.off, ratio: long.on.rps / long.off.rps, catchUpMs: longCatchUp },
    failed: on.errors + on.non2xx + off.errors + off.non2xx,
  };
}

async function backfillAndList() {
  const db = open("backfill", MIGRATION);
  const insert = db.prepare(`INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
      memories_used, chunks_used, context_pack, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const many = db.transaction((rows: Turn[]) => {
    for (const t of rows) {
      insert.run(t.id, t.prompt, t.response, t.response_summary, t.project, t.client, t.session_id, JSON.stringify(t.memories_used), JSON.stringify(t.chunks_used), JSON.stringify(t.context_pack), Date.parse(t.created_at));
    }
  });
  let batch: Turn[] = [];
  for (const t of realisticTurns({ rows: BACKFILL, longSessionTurns: Math.min(2_000, BACKFILL / 10), bigPack: false, project: 20, days: 90, now, everyPack: LONG_SESSION_PACK }).turns()) {
    batch.push(t);
    if (batch.length === 1_000) {
      many(batch);
      batch = [];
    }
  }
  many(batch);
  db.close();
  // The same migration on copies of that database: one run on this shared host moves by a
  // quarter from the next, so the median of BACKFILL_RUNS stands for it.
  const source = path.join(dir, "backfill.db");
  const file = path.join(dir, "backfill-migrated.db");
  const runs: number[] = [];
  // Before the migrations: what they log reads the configuration, which is read once.
  process.env.DATABASE_URL = `file:${file}`;
  for (let i = 0; i < BACKFILL_RUNS; i++) {
    rmSync(file, { force: true });
    copyFileSync(source, file);
    const t0 = performance.now();
    migrateSqlite(file);
    runs.push((performance.now() - t0) / 1000);
  }
  rmSync(source, { force: true });
  const seconds = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];

  const { listItems } = await import("@/lib/memory-audit/items");
  const { ItemListQuerySchema } = await import("@/lib/memory-audit/schema");
  const times: number[] = [];
  const queries = [{ sort: "use_rate" }, { sort: "use_rate", min_versions: "2" }];
  for (let i = 0; i < 200; i++) {
    const q = ItemListQuerySchema.parse(queries[i % queries.length]);
    const t1 = performance.now();
    await listItems("memory", q);
    times.push(performance.now() - t1);
  }
  times.sort((a, b) => a - b);
  const projectTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t1 = performance.now();
    await listItems("memory", ItemListQuerySchema.parse({ sort: "use_rate", project: "project-000" }));
    projectTimes.push(performance.now() - t1);
  }
  projectTimes.sort((a, b) => a - b);
  const check = new Database(file, { readonly: true });
  const count = (t: string) => (check.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const sizes = { items: count("item_stats"), versions: count("item_versions"), sightings: count("item_sightings") };
  check.close();
  // After the counts: it captures into this database.
  const beside = await capturesBesideSlices(file);
  return {
    interactions: BACKFILL,
    seconds,
    runs,
    rowsPerSecond: BACKFILL / seconds,
    extrapolatedMillionMinutes: 1_000_000 / (BACKFILL / seconds) / 60,
    dbMB: statSync(file).size / 2 ** 20,
    ...sizes,
    listP50: times[Math.floor(times.length * 0.5)],
    listP95: times[Math.floor(times.length * 0.95)],
    projectFilteredP50: projectTimes[Math.floor(projectTimes.length * 0.5)],
    beside,
  };
}

// The lists of a slice (a project, a client, a time range) sum that slice's sightings: seconds
// on a large database. A production server on the backfilled database takes captures at 2
// connections alone, then while two clients load such lists back to back: the captures' p99
// beside them against alone, same run.
async function capturesBesideSlices(file: string, seconds = 10) {
  const bodies = [...realisticTurns({ rows: 200, longSessionTurns: 200, bigPack: false, project: 5, days: 30, now, seed: 11 }).turns()].map((t) => JSON.stringify(input(t)));
  const { MALLOC_ARENA_MAX, NODE_OPTIONS } = serverEnv({}) as Record<string, string>;
  const server = await startServer({ databaseUrl: `file:${file}`, env: { MALLOC_ARENA_MAX, NODE_OPTIONS } });
  const lists = ["/api/memories?since=2000-01-01&sort=use_rate", "/api/chunks?project=project-000&sort=offered"];
  try {
    for (const u of lists) await (await server.fetch(u)).text();
    const alone = await postLoad(`${server.url}/api/interactions`, bodies, 2, seconds, server.headers);
    const readers = readersLoop(server, lists, lists.length);
    const beside = await postLoad(`${server.url}/api/interactions`, bodies, 2, seconds, server.headers);
    const { ms: listMs, failed } = await readers.stop();
    if (failed > 0) throw new Error(`${failed} loads of ${lists.join(", ")} failed`);
    listMs.sort((a, b) => a - b);
    return { alone, beside, p99Ratio: beside.p99 / alone.p99, lists: listMs.length, listP50: listMs[Math.floor(listMs.length / 2)] };
  } finally {
    await server.stop();
  }
}

async function main() {
  console.log(`captures: ${CAPTURES} each side, interleaved`);
  const t = throughput();
  console.log(t);
  console.log("the same over HTTP, 8 connections");
  const h = await overHttp();
  console.log(h);
  console.log(`backfill of ${BACKFILL} interactions, then the list`);
  const b = await backfillAndList();
  console.log(b);
  const result = { at: new Date().toISOString(), cpus: os.cpus().length, load: os.loadavg(), throughput: t, http: h, backfill: b };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/memory-audit.json", JSON.stringify(result, null, 2) + "\n");
  const r = (n: number) => Math.round(n * 100) / 100;
  writeFileSync(
    "bench/results/memory-audit.md",
    [
      `# Memory audit bench (${result.at}, ${result.cpus} cores, load ${result.load.map(r).join(" ")})`,
      "",
      "| figure | value | goal |",
      "| --- | --- | --- |",
      `| in process, ${t.captures} captures of 50-item packs, one per transaction: captures/s with the index folded in after every ${IDLE_FOLD_ROWS} (the fold's time counted) | ${r(t.foldedPerSecond)} | |`,
      `| the same with the index written by each capture's transaction (scripts, tests) | ${r(t.inlinePerSecond)} | |`,
      `| the same with the index switched off | ${r(t.offPerSecond)} | |`,
      `| ratio folded/off (inline/off), in process | ${r(t.ratio)} (${r(t.inlineRatio)}) | >= 0.75 |`,
      `| POST /api/interactions at 8 connections with the item index: captures/s, p50 / p99 | ${r(h.on.rps)}, ${h.on.p50} / ${h.on.p99} ms | |`,
      `| the same with it switched off, same run | ${r(h.off.rps)}, ${h.off.p50} / ${h.off.p99} ms | |`,
      `| ratio on/off over HTTP (${h.failed} failed answers) | ${r(h.ratio)} | >= 0.75 |`,
      `| first GET /api/memories after each 5 s load (folds what it left pending), mean; off | ${Math.round(h.catchUpMs.on)} ms; ${Math.round(h.catchUpMs.off)} ms | |`,
      `| ratio on/off over HTTP with that catch-up counted as load time | ${r(h.sustainedRatio)} | |`,
      `| one ${h.long.seconds} s load (past the 2,000 waiting interactions after which the fold goes first): captures/s, p50 / p99 on; off | ${r(h.long.on.rps)}, ${h.long.on.p50} / ${h.long.on.p99} ms; ${r(h.long.off.rps)}, ${h.long.off.p50} / ${h.long.off.p99} ms | |`,
      `| its ratio on/off; the first GET /api/memories after it | ${r(h.long.ratio)}; ${Math.round(h.long.catchUpMs.on)} ms | |`,
      `| backfill of ${b.interactions} interactions: median of ${b.runs.length} runs (each run) | ${r(b.seconds)} s (${b.runs.map(r).join(", ")} s), ${Math.round(b.rowsPerSecond)} rows/s | |`,
      `| backfill extrapolated to 1,000,000 | ${r(b.extrapolatedMillionMinutes)} min | < 10 min |`,
      `| GET /api/memories?sort=use_rate query p50 / p95 (${b.items} items) | ${r(b.listP50)} / ${r(b.listP95)} ms | p95 <= 50 ms at 1M |`,
      `| same, filtered by project (sums item_sightings) p50 | ${r(b.projectFilteredP50)} ms | |`,
      `| item_versions / item_sightings rows; file | ${b.versions} / ${b.sightings}; ${Math.round(b.dbMB)} MB | |`,
      `| POST /api/interactions at 2 connections on that database, alone: captures/s, p50 / p99 | ${r(b.beside.alone.rps)}, ${b.beside.alone.p50} / ${b.beside.alone.p99} ms | |`,
      `| the same while two clients load lists of a slice (since=..., project=...; ${b.beside.lists} loaded, p50 ${Math.round(b.beside.listP50)} ms) | ${r(b.beside.beside.rps)}, ${b.beside.beside.p50} / ${b.beside.beside.p99} ms | |`,
      `| capture p99 beside those lists / alone (${b.beside.beside.errors + b.beside.beside.non2xx} failed answers) | ${r(b.beside.p99Ratio)} | |`,
      "",
    ].join("\n"),
  );
  rmSync(dir, { recursive: true, force: true });
}

void main();
