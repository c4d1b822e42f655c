import { randomUUID } from "node:crypto";
import type { LinkContent } from "@/lib/audit/canonical-content";
import { keptDigests, redactionHash, type KeptDigests, type RedactionRecord } from "@/lib/audit/redaction-content";
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
