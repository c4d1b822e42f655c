import { z } from "zod";
import { REDACTABLE_FIELDS } from "@/lib/audit/redaction-content";
import { pointerTokens } from "@/lib/context-pack/json-pointer";

// The redaction resource: what POST /api/interactions/{id}/redactions takes and what it and the
// list answer. The API, the CLI, the viewer's action and the tests use this module.

export const MAX_REASON_CHARS = 500;
const FIELD_POINTERS = REDACTABLE_FIELDS.map((f) => `/${f}`);

export const RedactionBodySchema = z.strictObject({
  pointer: z
    .string()
    .refine(
      (p) => FIELD_POINTERS.includes(p) || p === "/context_pack" || (p.startsWith("/context_pack/") && pointerTokens(p) !== null),
      `must be ${FIELD_POINTERS.join(", ")}, /context_pack or a JSON Pointer under /context_pack/`,
    ),
  reason: z.string().trim().min(1, "must say why").max(MAX_REASON_CHARS),
});
export type RedactionBody = z.output<typeof RedactionBodySchema>;

export const RedactionSchema = z.strictObject({
  id: z.string(),
  interaction_id: z.string(),
  pointer: z.string(),
  reason: z.string(),
  /** SHA-256 (hex) of what was removed: lib/audit/redaction-content.ts defines it. */
  digest: z.string(),
  author: z.string(),
  created_at: z.iso.datetime(),
});
export type Redaction = z.infer<typeof RedactionSchema>;

/** In a capture's answer (and a batch item's) when secrets were redacted at the door: where, and which rules; never the value. */
export const SecretsRedactedSchema = z.array(z.strictObject({ pointer: z.string(), rule: z.string() }));
export type SecretsRedacted = z.infer<typeof SecretsRedactedSchema>;

/** The `secrets_redacted` member of an answer: present only when something was redacted. */
export function secretsRedacted(secrets: readonly { pointer: string; rule: string }[] | undefined): { secrets_redacted?: SecretsRedacted } {
  return secrets?.length ? { secrets_redacted: secrets.map(({ pointer, rule }) => ({ pointer, rule })) } : {};
}
