import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

// What each link of the hash chain covers, computed from the stored columns exactly as
// they are in SQLite (the JSON columns as their stored text), so that the verifier can
// recompute it from the rows alone.
//
//   capture:    {kind, id, prompt, response, response_summary, project, client, session_id,
//                memories_used, chunks_used, context_pack, created_at}   (created_at in epoch ms)
//   completion: {kind, id, fields: {<field>: <value>, ...}, response_added_at}
//
// canonical form = JSON with keys sorted at every level (lib/canonical-json.ts);
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
    canonicalJson({
      kind: "capture",
      id: row.id,
      prompt: row.prompt,
      response: completedLater.has("response") ? "" : row.response,
      response_summary: completedLater.has("response_summary") ? "" : row.response_summary,
      project: row.project,
      client: row.client,
      session_id: row.session_id,
      memories_used: row.memories_used,
      chunks_used: row.chunks_used,
      context_pack: row.context_pack,
      created_at: Number(row.created_at),
    }),
  );
}

export function completionContentHash(row: ChainedRow, fields: readonly CompletableField[]): string {
  return sha256(
    canonicalJson({
      kind: "completion",
      id: row.id,
      fields: Object.fromEntries(fields.map((f) => [f, row[f]])),
      response_added_at: row.response_added_at === null ? null : Number(row.response_added_at),
    }),
  );
}

export function parseFields(text: string): CompletableField[] {
  return text
    .split(",")
    .filter((f): f is CompletableField => (COMPLETABLE_FIELDS as readonly string[]).includes(f));
}
