import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import type { CompletableField } from "@/lib/audit/canonical-content";
import { log } from "@/lib/log";
import type { SecretRedaction } from "@/lib/redactions/redact-secrets";
import { COMPLETION_FIELDS, type CompletionInput, type InteractionRecord } from "@/lib/interactions/schema";

// What a completion (PATCH) does to a stored turn, decided the same way on both databases
// (lib/db/sqlite/complete.ts, lib/db/postgres/complete.ts).

/**
 * A completed turn's id and texts after the completion; the route answers with the stored record,
 * read as every record is (its pack not parsed: it may be MBs, and a completion never changes it).
 */
export type CompletedTurn = Pick<InteractionRecord, "id" | "response" | "response_summary">;

/** `secrets`: what was redacted at the door from the fields this completion filled. */
export type CompleteResult = { status: "completed" | "unchanged"; interaction: CompletedTurn; secrets?: SecretRedaction[] };

/** A stored row's id and texts (NULL read as empty, as every read does). */
export function completedTurn(row: { id: string; response: string | null; response_summary: string | null }): CompletedTurn {
  return { id: row.id, response: row.response ?? "", response_summary: row.response_summary ?? "" };
}
export type CompletionPlan = { filled: CompletableField[]; next: Record<CompletableField, string> };

export function noSuchInteraction(id: string): NotFoundError {
  return new NotFoundError(`No interaction with id ${id}`);
}

/**
 * The fields to fill and their new values. A value already stored is a retry (not filled again);
 * another value for a non-empty field is a conflict, thrown before anything is written.
 */
export function planCompletion(stored: CompletedTurn, input: CompletionInput, id: string): CompletionPlan {
  const next = { response: stored.response, response_summary: stored.response_summary };
  const filled: CompletableField[] = [];
  for (const field of COMPLETION_FIELDS) {
    const value = input[field];
    if (value === undefined || value === next[field]) continue;
    if (next[field] !== "") {
      throw new ConflictError(`${field} is already recorded for interaction ${id}; a completion only fills an empty field`);
    }
    next[field] = value;
    filled.push(field);
  }
  return { filled, next };
}

/** A completion whose transaction failed changed nothing (it rolled back): 503, safe to resend. */
export function completionNotStored(err: unknown): AppError {
  if (err instanceof AppError) return err;
  log.error("completion_not_stored", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return new AppError("unavailable", "The database could not store the completion, so nothing changed; send it again (a completion is safe to resend)");
}
