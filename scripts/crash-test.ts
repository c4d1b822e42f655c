// `npm run test:crash [-- --rounds 20 --writers 8]`: the durability proof. Starts the real
// server, drives concurrent captures over HTTP, kills the server's process group with SIGKILL
// at a random moment, restarts it on the same database, and checks that every capture that
// was acknowledged (201) is present with exactly the content sent, and that
// `PRAGMA integrity_check` is ok. Exits non-zero on the first loss.
import Database from "better-sqlite3";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { startServer, tempDbFile, type RunningServer } from "../tests/helpers/server";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "20" }, writers: { type: "string", default: "8" } },
});
const ROUNDS = Number(values.rounds);
const WRITERS = Number(values.writers);

type Sent = { id: string; prompt: string; session_id: string; memories_used: string[]; context_pack: Record<string, unknown> };
const acknowledged = new Map<string, Sent>();

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

async function writer(server: RunningServer, round: number, killed: () => boolean, counts: { inFlight: number }) {
  while (!killed()) {
    const body = capture(round);
    counts.inFlight++;
    try {
      const res = await server.fetch("/api/interactions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status === 201 && (await res.json()).id === body.id) acknowledged.set(body.id, body);
      else if (!killed()) throw new Error(`capture answered ${res.status}`);
    } catch (err) {
      if (!killed()) throw err;
    } finally {
      counts.inFlight--;
    }
  }
}

/** Every acknowledged capture is stored exactly as sent, and the file is sound. */
function verify(dbFile: string): void {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity_check: ${integrity}`);
    const get = db.prepare("SELECT prompt, session_id, memories_used, context_pack FROM interactions WHERE id = ?");
    for (const sent of acknowledged.values()) {
      const row = get.get(sent.id) as { prompt: string; session_id: string; memories_used: string; context_pack: string } | undefined;
      if (!row) throw new Error(`acknowledged capture ${sent.id} is missing`);
      const intact =
        row.prompt === sent.prompt &&
        row.session_id === sent.session_id &&
        row.memories_used === JSON.stringify(sent.memories_used) &&
        JSON.stringify(JSON.parse(row.context_pack)) === JSON.stringify(sent.context_pack);
      if (!intact) throw new Error(`acknowledged capture ${sent.id} differs from what was sent`);
    }
  } finally {
    db.close();
  }
}

async function main() {
  const dbFile = tempDbFile("crash");
  console.log(`crash test: ${ROUNDS} rounds, ${WRITERS} concurrent writers, database ${dbFile}`);
  for (let round = 1; round <= ROUNDS; round++) {
    const server = await startServer({ dbFile });
    // The restart recovered the WAL: what was acknowledged before the last kill is all there.
    verify(dbFile);
    const before = acknowledged.size;
    let killed = false;
    // One capture first, so the kill lands among writes rather than during the first load.
    await writer(server, round, () => acknowledged.size > before, { inFlight: 0 });
    const counts = { inFlight: 0 };
    const killAfter = randomInt(150, 1500);
    const writers = Array.from({ length: WRITERS }, () => writer(server, round, () => killed, counts));
    await new Promise((r) => setTimeout(r, killAfter));
    killed = true;
    const inFlight = counts.inFlight;
    await server.stop("SIGKILL");
    await Promise.all(writers);
    console.log(
      `round ${round}: killed after ${killAfter} ms with ${inFlight} requests in flight; ` +
        `${acknowledged.size - before} acknowledged this round, ${acknowledged.size} in all`,
    );
  }
  const last = await startServer({ dbFile });
  await last.stop();
  verify(dbFile);
  console.log(`crash test passed: all ${acknowledged.size} acknowledged captures intact; integrity_check ok`);
}

main().catch((err) => {
  console.error(`crash test FAILED: ${(err as Error).message}`);
  process.exit(1);
});
