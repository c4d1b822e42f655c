import Database from "better-sqlite3";
import { workerData, type MessagePort } from "node:worker_threads";
import { type BackfillThreadData, storedParts, type SightingsPart } from "@/lib/db/sqlite/backfill-sightings";

// A thread of the item index backfill (backfill-threads.ts): reads its share of the stored
// interactions (every `threads`-th stretch of seqs) on a connection of its own and hands their
// sightings to the migrating thread in parts, at most `credits` ahead of what it has taken.

const { file, thread, threads, low, high, stretch, signals, port } = workerData as BackfillThreadData & { port: MessagePort };
const posted = new Int32Array(signals, 0, threads);
const credits = new Int32Array(signals, 4 * threads, threads);

function send(message: { part: SightingsPart; last: boolean } | { error: string }) {
  if ("part" in message) {
    while (Atomics.sub(credits, thread, 1) <= 0) {
      Atomics.add(credits, thread, 1);
      Atomics.wait(credits, thread, 0);
    }
    const p = message.part;
    port.postMessage(message, [p.kind.buffer, p.md5.buffer, p.offered.buffer, p.used.buffer, p.versions.buffer] as ArrayBuffer[]);
  } else port.postMessage(message);
  Atomics.add(posted, thread, 1);
  Atomics.notify(posted, thread);
}

try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  for (const message of storedParts(db, low + thread * stretch, high, threads * stretch, stretch)) send(message);
  db.close();
} catch (err) {
  send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
