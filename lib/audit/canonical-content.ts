import { sha256 } from "@/lib/audit/sha256";
import { CAPTURE_V2, captureV2Hash, COMPLETION_V2_PREFIX, completionV2Hash, type KeptDigests } from "@/lib/audit/redaction-content";

export { sha256 };

// What each link of the hash chain covers, computed from the stored columns exactly as the
// database gives them back, so that the verifier can recompute it from the rows alone: the
// JSON columns as their stored text (SQLite keeps the text the writer bound; PostgreSQL's
// jsonb normalises it, so there the link covers `column::text`), times in epoch ms.
//
//   capture:    ["capture", id, prompt, response, response_summary, project, client, session_id,
//                memories_used, chunks_used, context_pack, created_at]     (created_at in epoch ms)
//                followed by occurred_at (epoch ms) when the row has one: rows without it keep the
//                content (and hash) they were chained with before the column existed
//   completion: ["completion", id, response_added_at, field, value, field, value ...]
//   review:     ["review", id, interaction_id, pointer, session_id, verdict, retract, labels,
//                note, author, supersedes, created_at]  (a reviews row; the link's interaction_id
//                column holds the review's id; nulls stay null, retract is a boolean)
//
// That is the rule of links whose `fields` carry no version (v1). Links written now are v2
// (lib/audit/redaction-content.ts: digests per part, so a redacted row still verifies); the
// verifier applies each link's own rule.
//
// canonical form = JSON.stringify of that array: a fixed order of strings and numbers, so one
// content has exactly one text (and no key sorting to pay for on a million rows);
// content_hash = SHA-256(canonical form), hash = SHA-256(prev_hash + content_hash), both hex.
// The first link's prev_hash is GENESIS.

export const GENESIS = "0".repeat(64);
export const COMPLETABLE_FIELDS = ["response", "response_summary"] as const;
export type CompletableField = (typeof COMPLETABLE_FIELDS)[number];

/**
 * The columns of an interactions row the chain covers, as stored: JSON columns as text, times
 * as epoch ms (a number from better-sqlite3, a bigint's decimal text from pg).
 */
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
  created_at: number | string;
  response_added_at: number | string | null;
  occurred_at: number | string | null;
};

/** One link before it is chained: what it covers. */
export type LinkContent = { kind: "capture" | "completion" | "redaction" | "review" | "retired"; interactionId: string; fields: string; contentHash: string; at: number };
/** A link as stored in audit_chain. */
export type Link = LinkContent & { prevHash: string; hash: string };

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
      ...(row.occurred_at === null ? [] : [Number(row.occurred_at)]),
    ]),
  );
}

/** What a completion covers: the interaction, when it was completed, and the fields it filled. */
export type CompletedRow = Pick<ChainedRow, "id" | "response_added_at" | CompletableField>;

export function completionContentHash(row: CompletedRow, fields: readonly CompletableField[]): string {
  const addedAt = row.response_added_at === null ? null : Number(row.response_added_at);
  return sha256(JSON.stringify(["completion", row.id, addedAt, ...fields.flatMap((f) => [f, row[f]])]));
}

/**
 * The (v2) link of a capture just stored, from its stored values; `pack` is its pack already
 * parsed, `kept` the digests of what was redacted from it before it was stored.
 */
export function captureLink(row: ChainedRow, pack?: unknown, kept?: KeptDigests): LinkContent {
  return { kind: "capture", interactionId: row.id, fields: CAPTURE_V2, contentHash: captureV2Hash(row, new Set(), kept, pack), at: Number(row.created_at) };
}

/** The link of a completion just applied: the fields it filled, with their stored values. */
export function completionLink(row: CompletedRow, fields: readonly CompletableField[], at: number, kept?: KeptDigests): LinkContent {
  return { kind: "completion", interactionId: row.id, fields: COMPLETION_V2_PREFIX + fields.join(","), contentHash: completionV2Hash(row, fields, kept), at };
}

/** Chains links in order onto the head `prevHash`: the work of a whole transaction in memory. */
export function chainOnto(prevHash: string, contents: readonly LinkContent[]): Link[] {
  let prev = prevHash;
  return contents.map((c) => {
    const link = { ...c, prevHash: prev, hash: linkHash(prev, c.contentHash) };
    prev = link.hash;
    return link;
  });
}

/** The fields of a completion link's `fields` (v1 "response,response_summary", or v2 with its prefix). */
export function parseFields(text: string): CompletableField[] {
  return text
    .split(",")
    .map((f) => (f.startsWith(COMPLETION_V2_PREFIX) ? f.slice(COMPLETION_V2_PREFIX.length) : f))
    .filter((f): f is CompletableField => (COMPLETABLE_FIELDS as readonly string[]).includes(f));
}

/** The columns of a reviews row the chain covers, as stored (retract: 0/1 on SQLite, a boolean on PostgreSQL). */
export type ChainedReview = {
  id: string;
  interaction_id: string | null;
  pointer: string | null;
  session_id: string | null;
  verdict: string | null;
  retract: boolean | number;
  labels: string;
  note: string | null;
  author: string;
  supersedes: string | null;
  created_at: number | string;
};

export function reviewContentHash(r: ChainedReview): string {
  return sha256(
    JSON.stringify(["review", r.id, r.interaction_id, r.pointer, r.session_id, r.verdict, Boolean(r.retract), r.labels, r.note, r.author, r.supersedes, Number(r.created_at)]),
  );
}

/** The link of a review just stored, from its stored values. */
export function reviewLink(r: ChainedReview): LinkContent {
  return { kind: "review", interactionId: r.id, fields: "", contentHash: reviewContentHash(r), at: Number(r.created_at) };
}
