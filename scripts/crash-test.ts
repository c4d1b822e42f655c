// `npm run test:crash [-- --rounds 20 --writers 8 --db sqlite|postgres]`: the durability proof.
// Starts the real server, drives concurrent captures over HTTP, kills the server's process
// group with SIGKILL at a random moment, restarts it on the same database, and checks that
// every capture that was acknowledged (201) is stored exactly once with exactly the content
// sent, that nothing is stored half (every row is a whole capture someone sent, with all of
// its item uses), that the memory audit counts every row, and that the hash chain verifies
// and covers every row. On SQLite also
// `PRAGMA integrity_check`. On PostgreSQL (default: TEST_DATABASE) the test runs a throwaway
// cluster of its own (scripts/throwaway-pg-cluster.ts) and every `--pg-crash-every`-th round
// crashes PostgreSQL itself (`pg_ctl stop -m immediate`) instead of the app server; the app
// server must then serve again once PostgreSQL is back. Exits non-zero on the first loss.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDatabase } from "../tests/helpers/open-db";
import { startServer, tempDbFile, type RunningServer } from "../tests/helpers/server";
import { createThrowawayCluster, type ThrowawayCluster } from "./throwaway-pg-cluster";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    writers: { type: "string", default: "8" },
    db: { type: "string", default: process.env.TEST_DATABASE ?? "sqlite" },
    "pg-crash-every": { type: "string", default: "3" },
  },
});
const ROUNDS = Number(values.rounds);
const WRITERS = Number(values.writers);
const DB = values.db;
const PG_CRASH_EVERY = Number(values["pg-crash-every"]);
if (DB !== "sqlite" && DB !== "postgres") throw new Error(`--db must be sqlite or postgres (got ${DB})`);

type Sent = { id: string; prompt: string; session_id: string; memories_used: string[]; context_pack: Record<string, unknown> };
/** Every capture sent, answered or not: a stored row must be one of them, whole. */
const sent = new Map<string, Sent>();
const acknowledged = new Set<string>();
// One admin token for every restart (the server stores it at its first start, on either database).
const adminToken = randomBytes(24).toString("base64url");

function capture(round: number): Sent {
  return {
    id: randomUUID(),
    // Sizes vary from a line to ~40 KB so a kill can land in the middle of a large write.
    prompt: `round ${round} ✓ ` + randomBytes(randomInt(1, 30_000)).toString("base64"),
    session_id: `crash-${round}`,
    memories_used: Array.from({ length: randomInt(0, 5) }, (_, i) => `m-${i}`),
    context_pack: { round, chunks: [{ id: "c", text: randomBytes(64).toString("hex") }] },
  };
}

async function post(server: RunningServer, body: Sent): Promise<Response> {
  sent.set(body.id, body);
  return server.fetch("/api/interactions", {
    method: "POST",
    auth: adminToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function writer(server: RunningServer, round: number, killed: () => boolean, counts: { inFlight: number }) {
  while (!killed()) {
    const body = capture(round);
    counts.inFlight++;
    try {
      const res = await post(server, body);
      if (res.status === 201 && (await res.json()).id === body.id) acknowledged.add(body.id);
      else if (!killed()) throw new Error(`capture answered ${res.status}`);
    } catch (err) {
      if (!killed()) throw err;
    } finally {
      counts.inFlight--;
    }
  }
}

type StoredRow = { id: string; prompt: string; session_id: string; memories_used: string; context_pack: string; uses: number };

async function storedRows(databaseUrl: string): Promise<StoredRow[]> {
  return withDatabase(databaseUrl, async (db) => {
    if (db.kind === "sqlite") {
      const integrity = (await db.get<{ integrity_check: string }>(Prisma.sql`PRAGMA integrity_check`))?.integrity_check;
      if (integrity !== "ok") throw new Error(`integrity_check: ${integrity}`);
    }
    return db.all<StoredRow>(
      Prisma.sql`SELECT i.id, i.prompt, i.session_id, i.memories_used, i.context_pack,
         (SELECT count(*) FROM interaction_uses u WHERE u.interaction_seq = i.seq) AS uses
       FROM interactions i`,
    );
  });
}

/** Every acknowledged capture is stored once, exactly as sent; nothing is stored half; the chain verifies. */
async function verify(server: RunningServer): Promise<void> {
  const rows = await storedRows(server.databaseUrl);
  const ids = new Set(rows.map((r) => r.id));
  if (ids.size !== rows.length) throw new Error(`${rows.length - ids.size} interactions are stored twice`);
  for (const row of rows) {
    const body = sent.get(row.id);
    if (!body) throw new Error(`interaction ${row.id} is stored but was never sent`);
    const whole =
      row.prompt === body.prompt &&
      row.session_id === body.session_id &&
      // PostgreSQL's jsonb orders keys its own way: compared as values.
      isDeepStrictEqual(JSON.parse(row.memories_used), body.memories_used) &&
      isDeepStrictEqual(JSON.parse(row.context_pack), body.context_pack) &&
      row.uses === body.memories_used.length;
    if (!whole) throw new Error(`interaction ${row.id} differs from what was sent (a partial write?)`);
  }
  for (const id of acknowledged) if (!ids.has(id)) throw new Error(`acknowledged capture ${id} is missing`);
  await itemIndexComplete(server, rows);
  const res = await server.fetch("/api/audit/verify", { auth: adminToken });
  const report = (await res.json()) as { status: string; links_checked: number; unchained: { count: number } };
  if (res.status !== 200 || report.status !== "ok" || report.unchained.count !== 0 || report.links_checked !== rows.length) {
    throw new Error(`the hash chain does not verify over ${rows.length} rows: ${res.status} ${JSON.stringify(report)}`);
  }
}

/**
 * The memory audit counts every stored interaction, whether the kill came before, during or after
 * the fold that indexes it (SQLite's write thread indexes captures after acknowledging them).
 */
async function itemIndexComplete(server: RunningServer, rows: readonly StoredRow[]): Promise<void> {
  const figures = async (path: string) => {
    const res = await server.fetch(path, { auth: adminToken });
    if (res.status === 404) return { offered: 0, used: 0 };
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return (await res.json()) as { offered: number; used: number };
  };
  const chunk = await figures("/api/chunks/c");
  if (chunk.offered !== rows.length) throw new Error(`the item index counts chunk c offered ${chunk.offered} times in ${rows.length} interactions`);
  const usedM0 = rows.filter((r) => (JSON.parse(r.memories_used) as string[]).includes("m-0")).length;
  const memory = await figures("/api/memories/m-0");
  if (memory.used !== usedM0) throw new Error(`the item index counts memory m-0 used ${memory.used} times, the interactions ${usedM0}`);
}

/** After PostgreSQL came back, the same app server serves captures again (its pool reconnects). */
async function servesAgain(server: RunningServer, round: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last = "";
  while (Date.now() < deadline) {
    const body = capture(round);
    try {
      const res = await post(server, body);
      if (res.status === 201) {
        acknowledged.add(body.id);
        return;
      }
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app server did not serve again within 15 s of PostgreSQL's restart (last answer: ${last})`);
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

async function database(): Promise<{ url: string; cluster?: ThrowawayCluster }> {
  if (DB === "sqlite") return { url: `file:${tempDbFile("crash")}` };
  const cluster = createThrowawayCluster();
  cluster.start();
  await withDatabase(cluster.url("postgres"), (db) => db.exec("CREATE DATABASE atocore_test_crash"));
  return { url: cluster.url("atocore_test_crash"), cluster };
}

async function main() {
  const { url, cluster } = await database();
  // Interrupted (Ctrl-C, a CI timeout): still stop the server (its own process group) and
  // delete the private cluster.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      try {
        if (running) process.kill(-running.pid, "SIGKILL");
      } catch {
        // already gone
      }
      cluster?.remove();
      process.exit(1);
    });
  }
  let running: RunningServer | undefined;
  const start = async () => (running = await startServer({ databaseUrl: url, noToken: true, env: { ATOCORE_AUDIT_ADMIN_TOKEN: adminToken } }));
  console.log(`crash test: ${ROUNDS} rounds, ${WRITERS} concurrent writers, database ${url}`);
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const crashPostgres = cluster !== undefined && round % PG_CRASH_EVERY === 0;
      const server = await start();
      // The restart recovered: what was acknowledged before the last kill is all there.
      await verify(server);
      const before = acknowledged.size;
      let killed = false;
      // One capture first, so the kill lands among writes rather than during the first load.
      await writer(server, round, () => acknowledged.size > before, { inFlight: 0 });
      const counts = { inFlight: 0 };
      const killAfter = randomInt(150, 1500);
      const writers = Array.from({ length: WRITERS }, () => writer(server, round, () => killed, counts));
      // The kill lands at a random moment once writes flow (a busy machine is slow to warm up).
      await until(() => acknowledged.size - before >= WRITERS);
      await new Promise((r) => setTimeout(r, killAfter));
      killed = true;
      const inFlight = counts.inFlight;
      if (crashPostgres) {
        cluster.crash();
        await Promise.all(writers);
        cluster.start();
        await servesAgain(server, round);
      }
      await server.stop("SIGKILL");
      await Promise.all(writers);
      console.log(
        `round ${round}: ${crashPostgres ? "PostgreSQL crashed (immediate stop)" : "app server killed"} ${killAfter} ms into the writes ` +
          `with ${inFlight} requests in flight; ${acknowledged.size - before} acknowledged this round, ${acknowledged.size} in all`,
      );
    }
    const last = await start();
    try {
      await verify(last);
    } finally {
      await last.stop();
    }
  } catch (err) {
    if (cluster) console.error(`PostgreSQL's log (end):\n${cluster.log().slice(-3000)}`);
    throw err;
  } finally {
    cluster?.remove();
  }
  console.log(
    `crash test passed (${DB}): all ${acknowledged.size} acknowledged captures stored once and intact; the memory audit counts each; the chain verifies` +
      (DB === "sqlite" ? "; integrity_check ok" : ""),
  );
}

main().catch((err) => {
  console.error(`crash test FAILED: ${(err as Error).message}`);
  process.exit(1);
});
