import { randomUUID } from "node:crypto";
import { z } from "zod";
import { completeInteraction } from "@/lib/interactions/complete-interaction";
import { findInteractionPage } from "@/lib/interactions/find-interactions";
import { recordBatch } from "@/lib/interactions/record-batch";
import { completionBodySchema } from "@/lib/interactions/schema";
import { nameUuid } from "@/lib/import/name-uuid";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { CLIENT, promptTurn, text } from "@/scripts/claude-code-hook/turn.mjs";

// Claude Code's `http` hook type POSTs each event's JSON here. The agent must never be held up
// or blocked by the audit trail: whatever the event holds, the answer is an empty 2xx (which
// adds nothing to the model's context), and what could not be recorded is a logged warning.

/** The fields read from an event; anything else Claude Code sends is ignored. */
const HookEventSchema = z.looseObject({
  hook_event_name: z.string(),
  session_id: z.string().optional(),
  prompt_id: z.string().optional(),
  prompt: z.string().optional(),
  cwd: z.string().optional(),
  last_assistant_message: z.string().optional(),
});

export type HookOutcome = "recorded" | "duplicate" | "completed" | "ignored" | "skipped";

function warn(reason: string, fields: Record<string, unknown> = {}): HookOutcome {
  log.warn("claude_code_hook_skipped", { reason, ...fields });
  return "skipped";
}

/** The interaction id of a prompt Claude Code names, so a resent event is a duplicate and its Stop finds it. */
export function promptInteractionId(sessionId: string, promptId: string): string {
  return nameUuid(`claude-code:${sessionId}:${promptId}`);
}

async function recordPrompt(event: Record<string, unknown>, project: string): Promise<HookOutcome> {
  const turn = promptTurn(event, project);
  if (!turn) return warn("prompt_missing");
  const promptId = text(event.prompt_id);
  const id = promptId && turn.session_id ? promptInteractionId(turn.session_id, promptId) : randomUUID();
  const [result] = (await recordBatch([{ id, ...turn }])).results;
  if (result.status === "error") return warn("prompt_refused", { interaction_id: id, code: result.error?.code });
  return result.status === "created" ? "recorded" : "duplicate";
}

// Without a prompt id, a Stop answers the session's newest Claude Code turn, if still unanswered.
async function turnToComplete(sessionId: string, promptId: string): Promise<string | null> {
  if (promptId) return promptInteractionId(sessionId, promptId);
  const [newest] = (await findInteractionPage({ session_id: sessionId, client: CLIENT, limit: 1 })).interactions;
  return newest && !newest.response ? newest.id : null;
}

async function completeTurn(event: Record<string, unknown>): Promise<HookOutcome> {
  const sessionId = text(event.session_id);
  const answer = completionBodySchema().safeParse({ response: text(event.last_assistant_message) });
  if (!answer.success) return warn("answer_missing", { session_id: sessionId });
  if (!sessionId) return warn("session_missing");
  const id = await turnToComplete(sessionId, text(event.prompt_id));
  if (!id) return warn("stop_without_turn", { session_id: sessionId });
  try {
    await completeInteraction(id, answer.data);
    return "completed";
  } catch (err) {
    if (err instanceof AppError) return warn("completion_refused", { interaction_id: id, code: err.code });
    throw err;
  }
}

/**
 * Records what one hook event says: UserPromptSubmit captures the prompt, Stop completes that
 * turn from `last_assistant_message`; other events are ignored. `project` (the route's
 * ?project=) names the project, else the folder of the event's cwd does.
 */
export async function receiveHookEvent(body: unknown, project: string): Promise<HookOutcome> {
  const parsed = HookEventSchema.safeParse(body);
  if (!parsed.success) return warn("event_malformed", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const event = parsed.data;
  if (event.hook_event_name === "UserPromptSubmit") return recordPrompt(event, project);
  if (event.hook_event_name === "Stop") return completeTurn(event);
  return "ignored";
}
