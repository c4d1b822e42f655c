import { database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { redactCompletionSecrets } from "@/lib/redactions/redact-secrets";
import type { CompleteResult } from "@/lib/interactions/completion-plan";
import { COMPLETION_FIELDS, type CompletionInput } from "@/lib/interactions/schema";

export type { CompleteResult } from "@/lib/interactions/completion-plan";

/**
 * A completion may only add the response or summary: a body naming any other field (one
 * of the record's or an unknown one) asks to rewrite the capture, which is a conflict.
 */
export function refuseOtherFields(body: unknown): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return; // the schema says why
  const others = Object.keys(body).filter((k) => !(COMPLETION_FIELDS as readonly string[]).includes(k));
  if (others.length === 0) return;
  throw new AppError(
    "conflict",
    `A completion may only add response and/or response_summary; the capture is never rewritten (refused: ${others.join(", ")})`,
    others.map((k) => ({ path: [k], message: `${k} cannot be changed after capture`, code: "not_completable" })),
  );
}

/**
 * Fills the empty response and/or summary of a recorded turn, and chains the completion.
 * Sending a value that is already stored is a retry and changes nothing ("unchanged");
 * sending another value for a non-empty field is a conflict and changes nothing at all.
 */
export async function completeInteraction(id: string, input: CompletionInput): Promise<CompleteResult> {
  const scanned = await redactCompletionSecrets(input);
  const result = await database().interactions.complete(id, scanned.input, scanned.secrets);
  const { interaction } = result;
  log.info(result.status === "completed" ? "interaction_completed" : "interaction_completion_repeated", {
    interaction_id: interaction.id,
    response_chars: interaction.response.length,
    response_summary_chars: interaction.response_summary.length,
  });
  return result;
}
