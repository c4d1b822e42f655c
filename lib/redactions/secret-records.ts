import { randomUUID } from "node:crypto";
import { completionLink, type ChainedRow, type CompletableField, type CompletedRow, type LinkContent } from "@/lib/audit/canonical-content";
import { captureV2Hash, keptDigests, redactionHash, type KeptDigests, type RedactionRecord } from "@/lib/audit/redaction-content";
import type { SecretRedaction } from "@/lib/redactions/redact-secrets";

/** Who a redaction made at the door names as its author. */
export const SECRET_SCAN_AUTHOR = "atocore-audit (secret scan)";

/** The digests a capture's link takes in place of the secrets redacted from it. */
export const secretDigests = (secrets: readonly SecretRedaction[] | undefined): KeptDigests | undefined =>
  secrets?.length ? keptDigests(secrets) : undefined;

/**
 * The records and links of the secrets redacted from a capture just stored: `base` is its
 * capture link's content hash, which already stands for the original content.
 */
export function secretRecords(interactionId: string, createdAt: number, secrets: readonly SecretRedaction[] | undefined, base: string) {
  return (secrets ?? []).map((s) => {
    const record: RedactionRecord = {
      id: randomUUID(),
      interaction_id: interactionId,
      pointer: s.pointer,
      reason: `secret: ${s.rule}`,
      digest: s.digest,
      author: SECRET_SCAN_AUTHOR,
      created_at: createdAt,
      base,
    };
    const link: LinkContent = { kind: "redaction", interactionId, fields: record.id, contentHash: redactionHash(record), at: createdAt };
    return { record, link };
  });
}

/** The secrets of the fields a completion filled (a retry's were recorded the first time). */
export const secretsFilled = (filled: readonly CompletableField[], secrets: readonly SecretRedaction[] | undefined): SecretRedaction[] =>
  (secrets ?? []).filter((s) => (filled as readonly string[]).includes(s.pointer.slice(1)));

/** A row after a completion, as the verifier reads it, with its earlier completions and redactions. */
export type ChainedState = { row: ChainedRow; completed: readonly string[]; records: readonly RedactionRecord[] };

/**
 * The links of a completion just applied, and the records of `secrets` (secretsFilled) redacted
 * from the fields it filled: its link covers those fields by the digests of what was removed,
 * and each redaction's `base` is the row's capture v2 hash as the verifier recomputes it (every
 * field completed so far, every redaction of the row), from `state`, needed only with secrets.
 */
export function completionLinks(
  row: CompletedRow,
  filled: readonly CompletableField[],
  at: number,
  secrets: readonly SecretRedaction[],
  state?: ChainedState,
): { links: LinkContent[]; records: RedactionRecord[] } {
  const completion = completionLink(row, filled, at, secretDigests(secrets));
  if (secrets.length === 0 || !state) return { links: [completion], records: [] };
  const base = captureV2Hash(state.row, new Set([...state.completed, ...filled]), keptDigests([...state.records, ...secrets]));
  const made = secretRecords(row.id, at, secrets, base);
  return { links: [completion, ...made.map((m) => m.link)], records: made.map((m) => m.record) };
}
