import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionListSchema, type InteractionRecord } from "@/lib/interactions/schema";
import { apiFetch, baseUrl, getJson, uid } from "../helpers/api";
import {
  hookHome,
  promptPayload,
  rejectedEvents,
  runHook,
  runHookCommand,
  serverToken,
  spooled,
  stopPayload,
  Transcript,
  type HookHome,
  type HookRun,
} from "../helpers/claude-code";
import { startSwitchableProxy, type SwitchableProxy } from "../helpers/switchable-proxy";

// The Claude Code hook, run as Claude Code runs it (a child process, the event on stdin)
// against the real server, through a proxy that can play an outage.
let proxy: SwitchableProxy;
beforeAll(async () => {
  proxy = await startSwitchableProxy(baseUrl());
});
afterAll(async () => {
  await proxy?.close();
});

/** The session as the API reconstructs it: oldest turn first. */
async function sessionTurns(sessionId: string): Promise<InteractionRecord[]> {
  const { status, body } = await getJson(`/api/interactions?session_id=${encodeURIComponent(sessionId)}&limit=500`);
  expect(status).toBe(200);
  return InteractionListSchema.parse(body).interactions.reverse();
}

/** Every run of the hook must exit 0 and print nothing (its stdout would reach the model). */
function expectSilentSuccess(run: HookRun) {
  expect(run.code).toBe(0);
  expect(run.stdout).toBe("");
}

/** One turn as Claude Code drives it: the prompt hook, the transcript growing, the stop hook. */
async function turn(h: HookHome, t: Transcript, sessionId: string, prompt: string, answer: string, stopExtra = {}) {
  expectSilentSuccess(await runHook(h, proxy.url, promptPayload(h, sessionId, prompt)));
  t.prompt(prompt);
  const toolId = `toolu_${uid("x")}`;
  t.assistant([
    { type: "thinking", thinking: "Let me check the files first." },
    { type: "text", text: "I'll look at the code." },
    { type: "tool_use", id: toolId, name: "Read", input: { file_path: "src/app.ts" } },
  ]);
  t.toolResult(toolId, "export const app = 1;");
  t.assistant([{ type: "text", text: answer }]);
  expectSilentSuccess(await runHook(h, proxy.url, stopPayload(h, sessionId, stopExtra)));
}

// Each test runs the hook a dozen times or more as child processes: slow on a busy machine.
describe("claude-code hook", { timeout: 90_000 }, () => {
  it("records each prompt at once and completes it with the answer, turn by turn", async () => {
    const h = hookHome();
    const session = uid("cc");
    const t = new Transcript(h, session);

    expectSilentSuccess(await runHook(h, proxy.url, promptPayload(h, session, "What does app.ts export?")));
    // Recorded before the agent has answered.
    const [partial] = await sessionTurns(session);
    expect(partial).toMatchObject({
      prompt: "What does app.ts export?",
      response: "",
      client: "claude-code",
      session_id: session,
      project: h.project,
    });

    t.prompt("What does app.ts export?");
    t.assistant([
      { type: "text", text: "Reading it." },
      { type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: "app.ts" } },
    ]);
    t.toolResult("toolu_1", "export const app = 1;");
    // A subagent's message in between is not the answer.
    t.assistant([{ type: "text", text: "subagent chatter" }], { sidechain: true });
    // The final answer, split over two lines of one message, as Claude Code writes blocks.
    t.assistant([
      { type: "text", text: "It exports `app`." },
      { type: "text", text: "Its value is 1." },
    ]);
    t.meta("<system-reminder>injected</system-reminder>");
    expectSilentSuccess(await runHook(h, proxy.url, stopPayload(h, session)));

    // Newer Claude Code versions pass the answer in the Stop payload; it wins over the transcript.
    await turn(h, t, session, "And tests?", "transcript text", { last_assistant_message: "There are no tests yet." });
    await turn(h, t, session, "Add one.", "Added `app.test.ts`.\n\n```ts\nexpect(app).toBe(1)\n```");

    const turns = await sessionTurns(session);
    expect(turns.map((x) => [x.prompt, x.response])).toEqual([
      ["What does app.ts export?", "It exports `app`.\n\nIts value is 1."],
      ["And tests?", "There are no tests yet."],
      ["Add one.", "Added `app.test.ts`.\n\n```ts\nexpect(app).toBe(1)\n```"],
    ]);
    expect(turns[0].id).toBe(partial.id);
    expect(new Set(turns.map((x) => x.project))).toEqual(new Set([h.project]));
    expect(spooled(h)).toEqual([]);
  });

  it("loses nothing while the server is down, then replays in order under the same ids", async () => {
    const h = hookHome();
    const session = uid("cc");
    const t = new Transcript(h, session);
    await turn(h, t, session, "turn 1", "answer 1");

    await proxy.setMode("down");
    const down = Date.now();
    let spooledUntil: number;
    try {
      await turn(h, t, session, "turn 2", "answer 2");
      await turn(h, t, session, "turn 3", "answer 3");
      spooledUntil = Date.now();
      expect(spooled(h).map((e) => e.op)).toEqual(["record", "complete", "record", "complete"]);
      expect((await sessionTurns(session)).map((x) => x.prompt)).toEqual(["turn 1"]);
    } finally {
      await proxy.setMode("up");
    }
    // What a crash right after a replay (before the spool was rewritten) would leave behind.
    const spoolCopy = path.join(h.home, "spool-before-replay.jsonl");
    copyFileSync(path.join(h.stateDir, "spool.jsonl"), spoolCopy);

    // The next prompt sends the spool first, then itself.
    expectSilentSuccess(await runHook(h, proxy.url, promptPayload(h, session, "turn 4")));
    expect(spooled(h)).toEqual([]);
    t.prompt("turn 4");
    t.assistant([{ type: "text", text: "answer 4" }]);
    expectSilentSuccess(await runHook(h, proxy.url, stopPayload(h, session)));

    const expected = [1, 2, 3, 4].map((i) => [`turn ${i}`, `answer ${i}`]);
    const turns = await sessionTurns(session);
    expect(turns.map((x) => [x.prompt, x.response])).toEqual(expected);
    // The spooled turns keep the time the hook saw their prompts, not the time they arrived.
    for (const spooledTurn of turns.slice(1, 3)) {
      const happened = Date.parse(spooledTurn.occurred_at!);
      expect(happened).toBeGreaterThanOrEqual(down);
      expect(happened).toBeLessThanOrEqual(spooledUntil);
      expect(Date.parse(spooledTurn.created_at)).toBeGreaterThan(spooledUntil);
    }

    // Replaying the same events again stores nothing twice and changes nothing.
    copyFileSync(spoolCopy, path.join(h.stateDir, "spool.jsonl"));
    expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "SessionEnd", session_id: session }));
    expect(await sessionTurns(session)).toEqual(turns);
    expect(spooled(h)).toEqual([]);
    expect(rejectedEvents(h)).toEqual([]);
  });

  it("does not hold the agent when the server accepts connections but never answers", async () => {
    const h = hookHome();
    const session = uid("cc");
    await proxy.setMode("hang");
    let run: HookRun;
    try {
      // Without its own time limits the hook would wait here until the test times out.
      run = await runHook(h, proxy.url, promptPayload(h, session, "are you there?"));
    } finally {
      await proxy.setMode("up");
    }
    expectSilentSuccess(run);
    expect(spooled(h).map((e) => e.op)).toEqual(["record"]);
    expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "Notification", session_id: session }));
    expect((await sessionTurns(session)).map((x) => x.prompt)).toEqual(["are you there?"]);
  });

  it("keeps concurrent sessions apart and whole across an outage", async () => {
    const h = hookHome(); // one machine, one state dir, several Claude Code sessions at once
    const sessions = [uid("cc"), uid("cc"), uid("cc")];
    const transcripts = sessions.map((s) => {
      const own = { ...h, transcript: path.join(h.home, `${s}.jsonl`) };
      return { own, t: new Transcript(own, s) };
    });
    const drive = (mode: string) =>
      Promise.all(
        sessions.map(async (s, i) => {
          const { own, t } = transcripts[i];
          await turn(own, t, s, `${mode} prompt of ${s}`, `${mode} answer of ${s}`);
        }),
      );
    await drive("online");
    await proxy.setMode("down");
    try {
      await drive("offline");
    } finally {
      await proxy.setMode("up");
    }
    expect(spooled(h)).toHaveLength(6);
    // A run sends for 1.4 s at most and leaves the rest to the next run: on a loaded machine
    // one run may not get through all six.
    for (let run = 0; run < 5 && (run === 0 || spooled(h).length > 0); run++) {
      expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "SessionStart" }));
    }
    expect(spooled(h)).toEqual([]);
    for (const s of sessions) {
      expect((await sessionTurns(s)).map((x) => [x.prompt, x.response])).toEqual([
        [`online prompt of ${s}`, `online answer of ${s}`],
        [`offline prompt of ${s}`, `offline answer of ${s}`],
      ]);
    }
  });

  it("ties each Stop to its own turn: interrupted turns, repeated Stops, prompt ids", async () => {
    const h = hookHome();
    const session = uid("cc");
    const prompt = (text: string, extra = {}) => runHook(h, proxy.url, { ...promptPayload(h, session, text), ...extra });
    const stop = (extra: Record<string, unknown>) => runHook(h, proxy.url, stopPayload(h, session, extra));
    // Interrupted (Esc): Claude Code sends no Stop for it, so it keeps an empty answer.
    expectSilentSuccess(await prompt("interrupted"));
    expectSilentSuccess(await prompt("asked again"));
    expectSilentSuccess(await stop({ last_assistant_message: "answer to asked again" }));
    // A second Stop for the same turn (after another hook made Claude continue) changes nothing.
    expectSilentSuccess(await stop({ stop_hook_active: true, last_assistant_message: "continued" }));
    // With prompt ids, a late Stop completes its own turn even after the next prompt came in.
    expectSilentSuccess(await prompt("first", { prompt_id: "p-1" }));
    expectSilentSuccess(await prompt("second", { prompt_id: "p-2" }));
    expectSilentSuccess(await stop({ prompt_id: "p-1", last_assistant_message: "answer to first" }));
    expectSilentSuccess(await stop({ prompt_id: "p-2", last_assistant_message: "answer to second" }));

    expect((await sessionTurns(session)).map((x) => [x.prompt, x.response])).toEqual([
      ["interrupted", ""],
      ["asked again", "answer to asked again"],
      ["first", "answer to first"],
      ["second", "answer to second"],
    ]);
    expect(rejectedEvents(h)).toEqual([]);
  });

  it("reports its settings, spool and the server in `status`", async () => {
    const h = hookHome();
    expectSilentSuccess(await runHook(h, "http://127.0.0.1:9", promptPayload(h, uid("cc"), "queued")));
    const run = await runHookCommand(h, ["status"], { ATOCORE_AUDIT_URL: proxy.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`server      : ${proxy.url}`);
    expect(run.stdout).toContain("waiting     : 1 event(s) in the spool");
    expect(run.stdout).toContain("health      : HTTP 200");
  });

  it("exits 0 silently on odd input and stores nothing from it", async () => {
    const h = hookHome();
    const session = uid("cc");
    for (const payload of [
      "not json",
      "",
      "[1,2]",
      { hook_event_name: "UserPromptSubmit", session_id: session, prompt: "   " },
      { hook_event_name: "UserPromptSubmit", session_id: session },
      { hook_event_name: "Stop", session_id: session }, // no turn was recorded for it
      { hook_event_name: "PreToolUse", session_id: session, tool_name: "Bash", tool_input: {} },
    ]) {
      expectSilentSuccess(await runHook(h, proxy.url, payload));
    }
    expect(spooled(h)).toEqual([]);
    expect(await sessionTurns(session)).toEqual([]);
  });

  it("handles missing fields: no session id, no cwd, no transcript", async () => {
    const h = hookHome();
    const prompt = `no session ${uid("p")}`;
    expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "UserPromptSubmit", prompt }));
    // No answer in the payload and no transcript: the turn stays unanswered, nothing breaks.
    expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "Stop" }));
    const { body } = await getJson(`/api/interactions?project=${h.project}`);
    const [stored] = InteractionListSchema.parse(body).interactions;
    // The project falls back to the directory the hook runs in (Claude Code starts it in the project).
    expect(stored).toMatchObject({ prompt, session_id: "", project: h.project, response: "" });
    // A later Stop that carries the answer still completes that turn.
    expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "Stop", last_assistant_message: "late" }));
    expect((await getJson(`/api/interactions/${stored.id}`)).body).toMatchObject({ response: "late" });
  });

  it("reads url, token and project from the config file, the environment winning", async () => {
    const h = hookHome();
    const session = uid("cc");
    const configFile = path.join(h.home, "atocore.json");
    const token = serverToken() || "file-token";
    writeFileSync(configFile, JSON.stringify({ url: "http://127.0.0.1:9", project: "from-file", token }));
    const env = { ATOCORE_AUDIT_CONFIG: configFile, ATOCORE_AUDIT_URL: "", ATOCORE_AUDIT_TOKEN: "" };
    // The file's url points nowhere: the event waits in the spool.
    expectSilentSuccess(await runHook(h, proxy.url, promptPayload(h, session, "configured"), env));
    expect(spooled(h)).toHaveLength(1);
    writeFileSync(configFile, JSON.stringify({ url: proxy.url, project: "from-file", token }));
    expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "SessionStart" }, env));
    const [stored] = await sessionTurns(session);
    expect(stored).toMatchObject({ prompt: "configured", project: "from-file" });
    expect(proxy.received()).toContain(`authorization: Bearer ${token}`);

    const envProject = uid("env-project");
    expectSilentSuccess(
      await runHook(h, proxy.url, promptPayload(h, session, "env wins"), {
        ...env,
        ATOCORE_AUDIT_URL: proxy.url,
        ATOCORE_AUDIT_PROJECT: envProject,
      }),
    );
    expect((await sessionTurns(session)).map((x) => x.project)).toEqual(["from-file", envProject]);
  });

  it("honours Retry-After: no run sends anything until the wait the server asked for has passed", async () => {
    // A server as busy as a full body budget leaves it: 503 with Retry-After: 30.
    let requests = 0;
    const busy = http.createServer((_req, res) => {
      requests++;
      res.writeHead(503, { "content-type": "application/json", "retry-after": "30" });
      res.end(JSON.stringify({ error: { code: "unavailable", message: "busy" } }));
    });
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const busyUrl = `http://127.0.0.1:${(busy.address() as { port: number }).port}`;
    try {
      const h = hookHome();
      const session = uid("cc");
      expectSilentSuccess(await runHook(h, busyUrl, promptPayload(h, session, "while busy")));
      expect(requests).toBe(1);
      expectSilentSuccess(await runHook(h, busyUrl, { hook_event_name: "SessionEnd", session_id: session }));
      expect(requests).toBe(1);
      expect(spooled(h).map((e) => e.op)).toEqual(["record"]);
      const notBefore = Number(readFileSync(path.join(h.stateDir, "not-before"), "utf8"));
      expect(notBefore - Date.now()).toBeGreaterThan(20_000);
      expect(readFileSync(path.join(h.stateDir, "hook.log"), "utf8")).toContain('"event":"delivery_waiting"');

      // Once the time has come (played by moving it back), the spool goes through.
      writeFileSync(path.join(h.stateDir, "not-before"), String(Date.now() - 1));
      expectSilentSuccess(await runHook(h, proxy.url, { hook_event_name: "SessionEnd", session_id: session }));
      expect(spooled(h)).toEqual([]);
      expect((await sessionTurns(session)).map((x) => x.prompt)).toEqual(["while busy"]);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it("sets aside what the server refuses for good, and keeps going", async () => {
    const h = hookHome();
    const session = uid("cc");
    const t = new Transcript(h, session);
    // Larger than the server's body limit: refused with 413, and so is its completion (404).
    const huge = "x".repeat(1_100_000);
    await turn(h, t, session, huge, "never stored");
    // Completed by someone else before the hook's completion arrives: 409 with another answer.
    expectSilentSuccess(await runHook(h, proxy.url, promptPayload(h, session, "raced")));
    const [raced] = await sessionTurns(session);
    const patched = await apiFetch(`/api/interactions/${raced.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response: "someone else's answer" }),
    });
    expect(patched.status).toBe(200);
    t.prompt("raced");
    t.assistant([{ type: "text", text: "the hook's answer" }]);
    expectSilentSuccess(await runHook(h, proxy.url, stopPayload(h, session)));
    await turn(h, t, session, "after", "still captured");

    expect((await sessionTurns(session)).map((x) => [x.prompt, x.response])).toEqual([
      ["raced", "someone else's answer"],
      ["after", "still captured"],
    ]);
    expect(rejectedEvents(h).map((r) => [r.event.op, r.reason.status])).toEqual([
      ["record", 413],
      ["complete", 404],
      ["complete", 409],
    ]);
    expect(spooled(h)).toEqual([]);
  });
});
