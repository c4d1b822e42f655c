#!/usr/bin/env node
// Claude Code hook: captures each turn of a session into atocore-audit.
//
//   UserPromptSubmit  records the turn at once (prompt, client "claude-code", session id, project)
//                     under an id chosen here and remembered per session;
//   Stop              completes that turn with the answer (PATCH /api/interactions/{id}): the
//                     payload's last_assistant_message, else the last assistant message of the
//                     transcript file;
//   any other event   only delivers what the spool still holds.
//
// It never writes to stdout (Claude Code adds a UserPromptSubmit hook's stdout to the model's
// context) and always exits 0 within a few seconds. Every event goes to the local spool before
// any network call and leaves it only once the server has it, in order, under the same id.
//
//   node scripts/claude-code-hook.mjs           hook mode: the event's JSON on stdin
//   node scripts/claude-code-hook.mjs status    configuration, spool and server check, for people
//
// Standard library only, no imports from the app: it runs on the user's machine as is.
import { randomUUID } from "node:crypto";
import { loadConfig } from "./claude-code-hook/config.mjs";
import { deliver } from "./claude-code-hook/deliver.mjs";
import { acquireLock, appendRejected, readQueue, writeIncoming, writeQueue } from "./claude-code-hook/spool.mjs";
import { ensureDirs, findTurn, markAnswered, note, pruneTurns, readNotBefore, saveTurn, statePaths, writeNotBefore } from "./claude-code-hook/state.mjs";
import { lastAssistantText } from "./claude-code-hook/transcript.mjs";
import { printStatus } from "./claude-code-hook/status.mjs";
import { promptTurn, text } from "./claude-code-hook/turn.mjs";

// Time budget from the start of the run. Past SEND_BUDGET_MS, the rest waits in the spool for
// the next run; HARD_EXIT_MS ends the run whatever it is doing (state on disk is always whole).
const SEND_BUDGET_MS = 1400;
const LOCK_WAIT_MS = 600;
const HARD_EXIT_MS = 2000;
// Claude Code may not have written the final answer to the transcript when Stop fires.
const TRANSCRIPT_RETRIES = 3;
const TRANSCRIPT_RETRY_MS = 100;

const started = Date.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readStdin() {
  if (process.stdin.isTTY) return "";
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function answerFromTranscript(file) {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = lastAssistantText(file);
      if (answer.trim() || attempt >= TRANSCRIPT_RETRIES) return answer;
    } catch {
      if (attempt >= TRANSCRIPT_RETRIES) return "";
    }
    await sleep(TRANSCRIPT_RETRY_MS);
  }
}

/** The spool events this hook invocation adds, with the session bookkeeping they need. */
async function eventsFor(payload, cfg, p) {
  const event = text(payload.hook_event_name);
  const sessionId = text(payload.session_id);
  // Recent Claude Code versions name each prompt; it ties a Stop to its own turn.
  const promptId = text(payload.prompt_id);
  if (event === "UserPromptSubmit") {
    const turn = promptTurn(payload, cfg.project, process.cwd());
    if (!turn) return { events: [], after: () => note(p, { event: "prompt_missing" }) };
    const id = randomUUID();
    // When the hook saw the prompt: a turn spooled through an outage still says when it happened.
    const at = Date.now();
    const body = { id, ...turn, occurred_at: new Date(at).toISOString() };
    return {
      events: [{ v: 1, op: "record", id, at, body }],
      after: () => {
        saveTurn(p, sessionId, { id, prompt_id: promptId, at: Date.now() });
        pruneTurns(p);
      },
    };
  }
  if (event === "Stop") {
    const turn = findTurn(p, sessionId, promptId);
    if (!turn) return { events: [], after: () => note(p, { event: "stop_without_turn", session_id: sessionId }) };
    let response = text(payload.last_assistant_message);
    let source = "payload";
    if (!response.trim() && text(payload.transcript_path)) {
      response = await answerFromTranscript(text(payload.transcript_path));
      source = "transcript";
    }
    if (!response.trim()) {
      // Keep the turn: a later Stop of this session (after a continuation) may find the answer.
      return { events: [], after: () => note(p, { event: "answer_not_found", id: turn.id }) };
    }
    return {
      events: [{ v: 1, op: "complete", id: turn.id, at: Date.now(), body: { response } }],
      after: () => {
        markAnswered(p, sessionId, turn.id);
        note(p, { event: "turn_answered", id: turn.id, source, response_chars: response.length });
      },
    };
  }
  return { events: [], after: () => {} };
}

/**
 * Delivers the spool from the front until it is empty, a delivery must wait, or time is up.
 * A Retry-After is honoured: waited out within this run when it fits the time budget, else
 * no run sends anything until it has passed (the events wait in the spool).
 */
async function drain(cfg, p) {
  let notBefore = readNotBefore(p);
  if (notBefore > Date.now()) {
    note(p, { event: "delivery_waiting", until: new Date(notBefore).toISOString() });
    return;
  }
  const release = await acquireLock(p, LOCK_WAIT_MS);
  if (!release) {
    note(p, { event: "spool_busy" }); // our events wait in incoming/ for the next run
    return;
  }
  try {
    const { events, merged } = readQueue(p);
    const deadline = started + SEND_BUDGET_MS;
    let next = 0;
    let delivered = 0;
    while (next < events.length && Date.now() < deadline - 50) {
      const result = await deliver(cfg, events[next], deadline);
      if (result.outcome === "retry") {
        note(p, { event: "delivery_deferred", op: events[next].op, id: events[next].id, ...result });
        const wait = result.retryAfterMs;
        if (wait !== undefined && Date.now() + wait < deadline - 100) {
          await sleep(wait);
          continue;
        }
        if (wait !== undefined) writeNotBefore(p, Date.now() + wait);
        break;
      }
      // The wait asked for has passed and the server answers again.
      if (notBefore) writeNotBefore(p, (notBefore = 0));
      if (result.outcome === "rejected") {
        appendRejected(p, events[next], result);
        note(p, { event: "delivery_rejected", op: events[next].op, id: events[next].id, ...result });
      } else {
        delivered++;
      }
      next++;
    }
    writeQueue(p, events.slice(next), merged);
    if (delivered > 0 || next < events.length) {
      note(p, { event: "spool_drained", delivered, left: events.length - next });
    }
  } finally {
    release();
  }
}

async function runHook() {
  const cfg = loadConfig();
  const p = statePaths(cfg.stateDir);
  ensureDirs(p);
  if (cfg.problem) note(p, { event: "config_problem", problem: cfg.problem });
  let payload = {};
  try {
    const raw = await readStdin();
    const parsed = raw.trim() ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) payload = parsed;
  } catch (err) {
    note(p, { event: "payload_unreadable", error: String(err?.message ?? err) });
  }
  const { events, after } = await eventsFor(payload, cfg, p);
  if (events.length > 0) writeIncoming(p, events);
  after();
  await drain(cfg, p);
}

if (process.argv[2] === "status") {
  await printStatus();
  process.exit(0);
}
setTimeout(() => process.exit(0), HARD_EXIT_MS).unref();
try {
  await runHook();
} catch (err) {
  // Never fail the agent: say why on stderr (not shown to the model) and exit 0.
  process.stderr.write(`atocore-audit hook: ${err?.stack ?? err}\n`);
}
process.exit(0);
