import Database from "better-sqlite3";
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { tsxWorker } from "@/lib/db/sqlite/tsx-worker";
import { log } from "@/lib/log";
import { sightingRows, storedParts, storedSeqs, type BackfillThreadData, type SightingsPart } from "@/lib/db/sqlite/backfill-sightings";
import type { VersionNumbers } from "@/lib/db/sqlite/version-numbers";

// The item index backfill reads every stored pack: parsing, naming and hashing their items is
// most of its time. The migrating connection's table function
// (stored_pack_item_sightings, migration-functions.ts) is synchronous, so it takes the
// sightings from threads reading the file on connections of their own, blocking on a shared
// counter, in seq order: those threads parse while it writes. They read what is committed,
// which the migration has not changed: it holds the write lock and writes the index's tables
// only. A small database is read inline, on a second connection.

/** Interactions read per stretch; the threads take turns. */
const STRETCH = 256;
/** Below this many seqs, the threads' start (~100 ms) is not worth it. */
const THREADED_MIN_SEQS = 4_096;
/** Parts a thread may post ahead of what was taken (each at most ~8 MB of text). */
const CREDITS = 2;
/** A thread that answers nothing this long has failed (it starts in ~0.1 s; a part takes ~0.1 s). */
const SILENT_MS = 120_000;

type Message = { part: SightingsPart; last: boolean } | { error: string };

/**
 * The sightings of every interaction stored in `file`, in seq order, as rows of SIGHTING_COLUMNS,
 * their versions numbered and counted in `numbers`; read by `threads` threads (by default one
 * per core, up to 4, for a database of more than a few thousand; else inline).
 */
export function* storedSightings(file: string, numbers: VersionNumbers, threads?: number): Generator<unknown[]> {
  const started = Date.now();
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  let seqs: { low: number; high: number };
  let sightings = 0;
  try {
    seqs = storedSeqs(reader);
    threads ??= seqs.high - seqs.low >= THREADED_MIN_SEQS ? Math.min(4, availableParallelism()) : 0;
    if (threads === 0) sightings = yield* inline(reader, seqs, numbers);
  } finally {
    reader.close();
  }
  if (threads > 0) sightings = yield* threaded(file, seqs, threads, numbers);
  if (seqs.high > seqs.low) log.info("item_index_backfill_read", { threads, seqs: seqs.high - seqs.low, sightings, ms: Date.now() - started });
}

/** Yields the rows; returns how many. */
function* inline(db: Database.Database, { low, high }: { low: number; high: number }, numbers: VersionNumbers): Generator<unknown[], number> {
  let n = 0;
  for (const { part } of storedParts(db, low, high, STRETCH, STRETCH)) n += yield* sightingRows(part, numbers);
  return n;
}

/** Yields the rows; returns how many. */
function* threaded(file: string, { low, high }: { low: number; high: number }, threads: number, numbers: VersionNumbers): Generator<unknown[], number> {
  const signals = new SharedArrayBuffer(8 * threads);
  const posted = new Int32Array(signals, 0, threads);
  const credits = new Int32Array(signals, 4 * threads, threads);
  credits.fill(CREDITS);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  let n = 0;
  try {
    for (let thread = 0; thread < threads; thread++) {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1);
      workers.push(startThread({ file, thread, threads, low, high, stretch: STRETCH, signals }, port2));
    }
    const stretches = Math.ceil((high - low) / STRETCH);
    for (let k = 0; k < stretches; k++) {
      const t = k % threads;
      for (;;) {
        const message = receive(ports[t], posted, t);
        if ("error" in message) throw new Error(`a backfill thread failed: ${message.error}`);
        n += yield* sightingRows(message.part, numbers);
        Atomics.add(credits, t, 1);
        Atomics.notify(credits, t);
        if (message.last) break;
      }
    }
    return n;
  } finally {
    for (const w of workers) void w.terminate();
    for (const p of ports) p.close();
  }
}

/** The next message from thread `t`, waiting for it (the caller is SQLite, which cannot await). */
function receive(port: MessagePort, posted: Int32Array, t: number): Message {
  const deadline = Date.now() + SILENT_MS;
  for (;;) {
    const seen = Atomics.load(posted, t);
    const got = receiveMessageOnPort(port);
    if (got) return got.message as Message;
    if (Date.now() > deadline) throw new Error(`a backfill thread answered nothing for ${SILENT_MS / 1000} s`);
    Atomics.wait(posted, t, seen, 1_000);
  }
}

function startThread(data: BackfillThreadData, port: MessagePort): Worker {
  const options = { workerData: { ...data, port }, transferList: [port] };
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./backfill-sightings-worker.ts", import.meta.url), options);
  return tsxWorker(new URL("./backfill-sightings-worker.ts", import.meta.url), options);
}
