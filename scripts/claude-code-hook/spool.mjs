// The spool: every event is written to disk before any network call, then delivered in order.
//
// A run first drops its new events into incoming/ as one file (atomic rename, no lock needed),
// then, holding spool.lock, merges incoming/ (in name order: time, pid, counter) behind what
// spool.jsonl already holds, delivers from the front, and rewrites spool.jsonl with what is
// left (atomic rename). A run killed at any moment leaves either the old or the new spool, so
// an event can be sent twice but never lost; sending twice is harmless because every event
// carries its interaction id and the server answers a repeat with the stored record.
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { note, writeAtomic } from "./state.mjs";

// A lock older than this belongs to a run that died (a run never lasts more than a few seconds).
const LOCK_STALE_MS = 10_000;
let incomingCounter = 0;

const toLines = (events) => events.map((e) => JSON.stringify(e) + "\n").join("");

export function writeIncoming(p, events) {
  const name = `${String(Date.now()).padStart(15, "0")}-${String(process.pid).padStart(10, "0")}-${incomingCounter++}`;
  writeAtomic(path.join(p.incoming, `${name}.jsonl`), toLines(events));
}

function parseLines(p, text, source) {
  const events = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const event = JSON.parse(line);
      if (event && typeof event.op === "string" && typeof event.id === "string") events.push(event);
      else note(p, { event: "spool_line_skipped", source, reason: "not an event" });
    } catch {
      note(p, { event: "spool_line_skipped", source, reason: "not JSON" });
    }
  }
  return events;
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return "";
    throw err;
  }
}

/** The queue in delivery order, and the incoming files it took in (removed by writeQueue). */
export function readQueue(p) {
  const events = parseLines(p, readOrEmpty(p.spool), "spool");
  const merged = readdirSync(p.incoming)
    .filter((n) => n.endsWith(".jsonl") && !n.startsWith("."))
    .sort()
    .map((n) => path.join(p.incoming, n));
  for (const file of merged) events.push(...parseLines(p, readOrEmpty(file), "incoming"));
  return { events, merged };
}

export function writeQueue(p, remaining, merged) {
  if (remaining.length > 0) writeAtomic(p.spool, toLines(remaining));
  else removeIfThere(p.spool);
  // Only once the spool holds them: a crash before this line re-merges them (sent twice, harmless).
  for (const file of merged) removeIfThere(file);
}

/** Keeps what the server refused for good, for a person to look at (the spool moves on). */
export function appendRejected(p, event, reason) {
  appendFileSync(p.rejected, JSON.stringify({ rejected_at: new Date().toISOString(), reason, event }) + "\n", { mode: 0o600 });
}

function removeIfThere(file) {
  try {
    unlinkSync(file);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
}

function lockIsStale(file) {
  let holder;
  try {
    holder = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // Being written this instant, or left empty by a run that died right after creating it.
    try {
      return Date.now() - statSync(file).mtimeMs > LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
  if (!(Date.now() - holder.at <= LOCK_STALE_MS)) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return err.code === "ESRCH"; // its process is gone
  }
}

/**
 * Takes spool.lock, waiting up to waitMs; returns its release function, or null. A stale lock
 * is removed; two runs removing the same stale lock at the same instant could both go on, in
 * which case an event may be sent twice (harmless) or, rarer still, kept by neither.
 */
export async function acquireLock(p, waitMs) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(p.lock, "wx", 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, at: Date.now() }));
      closeSync(fd);
      return () => {
        try {
          if (JSON.parse(readFileSync(p.lock, "utf8")).pid === process.pid) unlinkSync(p.lock);
        } catch {
          // already released or taken over
        }
      };
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    if (lockIsStale(p.lock)) {
      note(p, { event: "stale_lock_removed" });
      removeIfThere(p.lock);
      continue;
    }
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
}
