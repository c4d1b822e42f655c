import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { promptInteractionId } from "@/lib/integrations/claude-code-hook";
import { InteractionListSchema, InteractionRecordSchema } from "@/lib/interactions/schema";
import { apiFetch, getJson, uid } from "../helpers/api";
import { tokenFor } from "../helpers/auth";

// Claude Code's `http` hook type: the event's JSON POSTed as it is, a token in the headers.

const HOOK = "/api/integrations/claude-code";

async function send(event: unknown, { query = "", raw = false }: { query?: string; raw?: boolean } = {}) {
  const res = await apiFetch(`${HOOK}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ? (event as string) : JSON.stringify(event),
  });
  // Every handled event: an empty 2xx, which adds nothing to the model's context and never blocks.
  expect(res.status).toBe(204);
  expect(await res.text()).toBe("");
}

const base = (sessionId: string, project: string) => ({
  session_id: sessionId,
  transcript_path: `/home/dev/.claude/projects/${project}/${sessionId}.jsonl`,
  cwd: `/home/dev/code/${project}`,
  permission_mode: "default",
});
const prompt = (sessionId: string, project: string, text: unknown, extra: Record<string, unknown> = {}) => ({
  ...base(sessionId, project),
  hook_event_name: "UserPromptSubmit",
  prompt: text,
  ...extra,
});
const stop = (sessionId: string, project: string, answer: unknown, extra: Record<string, unknown> = {}) => ({
  ...base(sessionId, project),
  hook_event_name: "Stop",
  stop_hook_active: false,
  last_assistant_message: answer,
  ...extra,
});

async function sessionTurns(sessionId: string) {
  const { body } = await getJson(`/api/interactions?session_id=${encodeURIComponent(sessionId)}&limit=50`);
  return InteractionListSchema.parse(body).interactions.reverse();
}

describe("POST /api/integrations/claude-code", () => {
  it("records the prompt under the prompt_id's id, a resent event is a duplicate, and Stop completes that turn", async () => {
    const sessionId = randomUUID();
    const project = uid("repo");
    const promptId = randomUUID();
    await send(prompt(sessionId, project, "Refactor the parser ✂️ パーサー", { prompt_id: promptId }));
    await send(prompt(sessionId, project, "Refactor the parser ✂️ パーサー", { prompt_id: promptId }));
    const id = promptInteractionId(sessionId, promptId);
    const { body } = await getJson(`/api/interactions/${id}`);
    expect(InteractionRecordSchema.parse(body)).toMatchObject({ prompt: "Refactor the parser ✂️ パーサー", client: "claude-code", project, session_id: sessionId, response: "" });

    await send(stop(sessionId, project, "Done: the parser is split in three.", { prompt_id: promptId }));
    const turns = await sessionTurns(sessionId);
    expect(turns.map((t) => [t.id, t.response])).toEqual([[id, "Done: the parser is split in three."]]);
    expect(turns[0].response_added_at).not.toBeNull();
  });

  it("without prompt_id, Stop completes the session's newest unanswered turn; ?project= names the project", async () => {
    const sessionId = randomUUID();
    const project = uid("named");
    await send(prompt(sessionId, "folder-name", "first"), { query: `?project=${project}` });
    await send(stop(sessionId, "folder-name", "first answer"));
    await send(prompt(sessionId, "folder-name", "second"), { query: `?project=${project}` });
    await send(stop(sessionId, "folder-name", "second answer"));
    // A Stop with no new prompt (the turn is answered already) changes nothing.
    await send(stop(sessionId, "folder-name", "a continuation"));
    const turns = await sessionTurns(sessionId);
    expect(turns.map((t) => [t.prompt, t.response, t.project])).toEqual([
      ["first", "first answer", project],
      ["second", "second answer", project],
    ]);
  });

  it("never fails the agent on a malformed or unexpected event, and stores nothing for it", async () => {
    const sessionId = randomUUID();
    const project = uid("bad");
    await send("{not json", { raw: true });
    await send([1, 2, 3]);
    await send({ session_id: sessionId, prompt: "no event name" });
    await send(prompt(sessionId, project, "   "));
    await send(prompt(sessionId, project, 42));
    await send(stop(sessionId, project, "an answer for no turn"));
    await send(stop(randomUUID(), project, "x", { prompt_id: randomUUID() }));
    await send(stop(sessionId, project, ""));
    await send({ ...base(sessionId, project), hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: { command: "ls" } });
    await send(prompt(sessionId, project, "x".repeat(10), { prompt_id: 7 }));
    expect(await sessionTurns(sessionId)).toEqual([]);
  });

  it("needs a token with the capture scope", async () => {
    const event = prompt(randomUUID(), "p", "hello");
    const anonymous = await apiFetch(HOOK, { method: "POST", auth: false, headers: { "content-type": "application/json" }, body: JSON.stringify(event) });
    expect(anonymous.status).toBe(401);
    const readOnly = await tokenFor(inject("databaseUrl"), ["read"], uid("read-only"));
    const refused = await apiFetch(HOOK, { method: "POST", auth: readOnly, headers: { "content-type": "application/json" }, body: JSON.stringify(event) });
    expect(refused.status).toBe(403);
  });
});
