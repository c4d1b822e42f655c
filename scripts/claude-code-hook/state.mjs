// The hook's local state directory: the spool, the pending turn of each session, a small log.
// Everything here may hold prompt text, so files are private to the user (0600, dirs 0700).
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
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
    // Epoch ms before which the server asked not to be sent anything (its Retry-After).
    notBefore: path.join(dir, "not-before"),
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

// The last turns of a session are remembered (answered ones too, so that a second Stop of the
// same turn is recognised); older ones are dropped.
const TURNS_KEPT = 20;

function readTurns(p, sessionId) {
  try {
    const { turns } = JSON.parse(readFileSync(turnFile(p, sessionId), "utf8"));
    return Array.isArray(turns) ? turns.filter((t) => typeof t?.id === "string") : [];
  } catch {
    return [];
  }
}

function writeTurns(p, sessionId, turns) {
  writeAtomic(turnFile(p, sessionId), JSON.stringify({ turns: turns.slice(-TURNS_KEPT) }));
}

/** Remembers a turn UserPromptSubmit recorded ({id, prompt_id}), for its Stop to complete. */
export function saveTurn(p, sessionId, turn) {
  writeTurns(p, sessionId, [...readTurns(p, sessionId), turn]);
}

/**
 * The unanswered turn a Stop completes, or null. When the events carry Claude Code's prompt_id,
 * the turn recorded with it; otherwise the session's latest turn. Never an older turn whose Stop
 * never came (an interrupted answer): it would get another prompt's answer.
 */
export function findTurn(p, sessionId, promptId) {
  const turns = readTurns(p, sessionId);
  const turn = (promptId && turns.findLast((t) => t.prompt_id === promptId)) || turns.at(-1);
  if (!turn || turn.answered) return null;
  return promptId && turn.prompt_id && turn.prompt_id !== promptId ? null : turn;
}

export function markAnswered(p, sessionId, id) {
  writeTurns(
    p,
    sessionId,
    readTurns(p, sessionId).map((t) => (t.id === id ? { ...t, answered: true } : t)),
  );
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

/** When the server said to come back (epoch ms), 0 when it did not. */
export function readNotBefore(p) {
  try {
    return Number(readFileSync(p.notBefore, "utf8")) || 0;
  } catch {
    return 0;
  }
}

export function writeNotBefore(p, at) {
  if (at > 0) writeAtomic(p.notBefore, String(at));
  else rmSync(p.notBefore, { force: true });
}
