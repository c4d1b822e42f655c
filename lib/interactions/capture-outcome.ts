import { randomUUID } from "node:crypto";
import type { SecretRedaction } from "@/lib/redactions/redact-secrets";
import { canonicalJson } from "@/lib/canonical-json";
import { AppError, ConflictError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { CaptureInput, InteractionRecord } from "@/lib/interactions/schema";

// What becomes of one capture, decided the same way on both databases (lib/db/sqlite/store.ts,
// lib/db/postgres/store.ts): a new id is created; a retried id with the same content is a duplicate
// that stores nothing; with other content it is a conflict.

/** `secrets`: what was redacted from a created row at the door. */
export type RecordResult = { status: "created" | "duplicate"; interaction: InteractionRecord; secrets?: SecretRedaction[] };
/** What became of one item of a batch: stored, already stored, or refused (a conflict). */
export type RecordOutcome = RecordResult | { status: "error"; error: AppError };
/**
 * One row to store; `createdAt` is given by imports, captures take the transaction's instant.
 * Its input has its secrets redacted already (lib/redactions/redact-secrets.ts); `secrets` says which.
 */
export type StoreRow = { input: CaptureInput; createdAt?: number; secrets?: SecretRedaction[] };

/** What a capture's content is, for deciding whether a retried id carries the same turn. */
function contentKey(v: Omit<InteractionRecord, "id" | "created_at" | "response_added_at" | "occurred_at"> & { occurred_at?: string | null }): string {
  return canonicalJson([
    v.prompt,
    v.response,
    v.response_summary,
    v.project,
    v.client,
    v.session_id,
    v.memories_used,
    v.chunks_used,
    v.context_pack,
    v.occurred_at ?? null,
  ]);
}

/**
 * A capture of an id already stored: the same content is the original receipt ("duplicate");
 * fields a completion filled later were empty at capture, so they are compared empty.
 */
export function retriedOutcome(stored: InteractionRecord, completedLater: readonly string[], input: CaptureInput): RecordOutcome {
  const asCaptured = { ...stored, ...Object.fromEntries(completedLater.map((f) => [f, ""])) };
  if (contentKey(asCaptured) !== contentKey(input)) {
    return {
      status: "error",
      error: new ConflictError(`An interaction with id ${stored.id} already exists with different content`),
    };
  }
  return { status: "duplicate", interaction: stored };
}

/** The record a new capture is stored as (`id`: the one it was stored under, when known). */
export function newRecord(input: CaptureInput, createdAt: number, id = input.id ?? randomUUID()): InteractionRecord {
  return {
    id,
    prompt: input.prompt,
    response: input.response,
    response_summary: input.response_summary,
    project: input.project,
    client: input.client,
    session_id: input.session_id,
    memories_used: input.memories_used,
    chunks_used: input.chunks_used,
    context_pack: input.context_pack,
    created_at: new Date(createdAt).toISOString(),
    response_added_at: null,
    occurred_at: input.occurred_at ?? null,
  };
}

/**
 * A write transaction that failed stored none of its items (it rolled back): answered 503 so the
 * client sends them again, which is safe for items with an id. Should the connection drop during
 * COMMIT itself the outcome is unknown; the resend then finds what was stored (duplicate).
 */
export function notStored(err: unknown, items: number): AppError {
  if (err instanceof AppError) return err; // already says what became of the request
  log.error("interactions_not_stored", { items, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return new AppError(
    "unavailable",
    `The database could not store the request, so none of its ${items} interaction(s) were stored; send it again (interactions with an id are safe to resend)`,
  );
}
