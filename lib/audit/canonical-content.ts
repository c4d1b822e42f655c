import { createHash } from "node:crypto";

// What each link of the hash chain covers, computed from the stored columns exactly as
// they are in SQLite (the JSON columns as their stored text), so that the verifier can
// recompute it from the rows alone.
//
//   capture:    ["capture", id, prompt, response, response_summary, project, client, session_id,
//                memories_used, chunks_used, context_pack, created_at]     (created_at in epoch ms)
//   completion: ["completion", id, response_added_at, field, value, field, value ...]
//
// canonical form = JSON.stringify of that array: a fixed order of strings and numbers, so one
// content has exactly one text (and no key sorting to pay for on a million rows);
// content_hash = SHA-256(canonical form), hash = SHA-256(prev_hash + content_hash), both hex.
// The first link's prev_hash is GENESIS.

export const GENESIS = "0".repeat(64);
export const COMPLETABLE_FIELDS = ["response", "response_summary"] as const;
export type CompletableField = (typeof COMPLETABLE_FIELDS)[number];

/** The columns of an interactions row the chain covers, as better-sqlite3 returns them. */
export type ChainedRow = {
  id: string;
  prompt: string;
  response: string;
  response_summary: string;
  project: string;
  client: string;
  session_id: string;
  memories_used: string;
  chunks_used: string;
  context_pack: string;
  created_at: number;
  response_added_at: number | null;
};

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export function linkHash(prevHash: string, contentHash: string): string {
  return sha256(prevHash + contentHash);
}

/**
 * The capture as it was when captured: a field a later completion filled was empty then.
 */
export function captureContentHash(row: ChainedRow, completedLater: ReadonlySet<string>): string {
  return sha256(
    JSON.stringify([
      "capture",
      row.id,
      row.prompt,
      completedLater.has("response") ? "" : row.response,
      completedLater.has("response_summary") ? "" : row.response_summary,
      row.project,
      row.client,
      row.session_id,
      row.memories_used,
      row.chunks_used,
      row.context_pack,
      Number(row.created_at),
    ]),
  );
}

export function completionContentHash(row: ChainedRow, fields: readonly CompletableField[]): string {
  const addedAt = row.response_added_at === null ? null : Number(row.response_added_at);
  return sha256(JSON.stringify(["completion", row.id, addedAt, ...fields.flatMap((f) => [f, row[f]])]));
}

export function parseFields(text: string): CompletableField[] {
  return text
    .split(",")
    .filter((f): f is CompletableField => (COMPLETABLE_FIELDS as readonly string[]).includes(f));
}
