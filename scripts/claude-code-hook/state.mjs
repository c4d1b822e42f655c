// The hook's local state directory: the spool, the pending turn of each session, a small log.
// Everything here may hold prompt text, so files are private to the user (0600, dirs 0700).
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const LOG_MAX_BYTES = 1024 * 1024;
const TURN_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export function statePaths(dir) {
  return {
    dir,
    spool: path.join(dir, "spool.jsonl"),
    incoming: path.join(dir, "incoming"),
    lock: path.join(dir, "spool.lock"),
    sessions: path.join(dir, "sessions"),
    rejected: path.join(dir, "rejected.jsonl"),
    log: path.join(dir, "hook.log"),
  };
}

export function ensureDirs(p) {
  for (const d of [p.dir, p.incoming, p.sessions]) mkdirSync(d, { recursive: true, mode: 0o700 });
}

/** Writes a file so that readers see the old or the new content, never half of it. */
export function writeAtomic(file, text) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** One JSON line in hook.log (ids, counts and statuses; never prompt or answer text). */
export function note(p, fields) {
  try {
    if (statSync(p.log, { throwIfNoEntry: false })?.size > LOG_MAX_BYTES) renameSync(p.log, `${p.log}.1`);
    appendFileSync(p.log, JSON.stringify({ at: new Date().toISOString(), ...fields }) + "\n", { mode: 0o600 });
  } catch {
    // Logging must never be the reason a capture fails.
  }
}

// A session id becomes a file name as is when it is safe, hashed otherwise.
function turnFile(p, sessionId) {
  const key = /^[A-Za-z0-9_-]{1,100}$/.test(sessionId)
    ? sessionId
    : `h-${createHash("sha256").update(sessionId).digest("hex").slice(0, 32)}`;
  return path.join(p.sessions, `${key}.json`);
}

/** Remembers the turn a session's UserPromptSubmit recorded, for its Stop to complete. */
export function saveTurn(p, sessionId, turn) {
  writeAtomic(turnFile(p, sessionId), JSON.stringify(turn));
}

export function loadTurn(p, sessionId) {
  try {
    const turn = JSON.parse(readFileSync(turnFile(p, sessionId), "utf8"));
    return typeof turn?.id === "string" ? turn : null;
  } catch {
    return null;
  }
}

export function clearTurn(p, sessionId) {
  try {
    unlinkSync(turnFile(p, sessionId));
  } catch {
    // already gone
  }
}

/** Forgets turns whose Stop never came (an interrupted answer, a closed terminal). */
export function pruneTurns(p, now = Date.now()) {
  for (const name of readdirSync(p.sessions)) {
    const file = path.join(p.sessions, name);
    try {
      if (now - statSync(file).mtimeMs > TURN_MAX_AGE_MS) unlinkSync(file);
    } catch {
      // raced with another run
    }
  }
}
