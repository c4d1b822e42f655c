import { fieldDigest, nodeDigest, packMarker, REDACTABLE_FIELDS, REDACTED_FIELD_TEXT, replaceAt } from "@/lib/audit/redaction-content";
import { config } from "@/lib/config";
import { childPointer, pointerTokens } from "@/lib/context-pack/json-pointer";
import { COMPLETION_FIELDS, type CaptureInput, type CompletionInput } from "@/lib/interactions/schema";
import { findSecrets, type TextPart } from "@/lib/redactions/find-secrets";

// Secrets caught at the door: before a capture is stored, every text field and every string of
// its pack holding a secret is redacted exactly as POST .../redactions would (the field's
// marker text, or the pack marker in place of the string), with the reason "secret: <rules>".
// The store records each one and chains its link after the capture's.

/** One redaction made at the door: where, which rules matched, the digest of what was removed. */
export type SecretRedaction = { pointer: string; rule: string; digest: string };

/** Every string of a pack with its pointer ("/context_pack/..."); object keys are names, not values. */
export function packStrings(pack: unknown, out: TextPart[]): void {
  const stack: { at: string; value: unknown }[] = [{ at: "/context_pack", value: pack }];
  while (stack.length > 0) {
    const { at, value } = stack.pop()!;
    if (typeof value === "string") out.push({ pointer: at, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => stack.push({ at: childPointer(at, i), value: v }));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) stack.push({ at: childPointer(at, k), value: v });
  }
}

/** The input with its secrets redacted, and what was redacted; the input itself when REDACT_SECRETS=0 or nothing is found. */
export async function redactSecrets(input: CaptureInput): Promise<{ input: CaptureInput; secrets: SecretRedaction[] }> {
  if (!config().REDACT_SECRETS) return { input, secrets: [] };
  const parts: TextPart[] = REDACTABLE_FIELDS.filter((f) => input[f] !== "").map((f) => ({ pointer: `/${f}`, text: input[f] }));
  packStrings(input.context_pack, parts);
  const found = await findSecrets(parts);
  if (found.length === 0) return { input, secrets: [] };
  const out = { ...input, context_pack: structuredClone(input.context_pack) };
  const secrets = found.map(({ pointer, rules }): SecretRedaction => {
    const rule = rules.join(", ");
    const text = parts.find((p) => p.pointer === pointer)!.text;
    if (!pointer.startsWith("/context_pack/")) {
      out[pointer.slice(1) as (typeof REDACTABLE_FIELDS)[number]] = REDACTED_FIELD_TEXT;
      return { pointer, rule, digest: fieldDigest(text) };
    }
    const digest = nodeDigest(text);
    replaceAt(out.context_pack, pointerTokens(pointer.slice("/context_pack".length))!, packMarker(digest, `secret: ${rule}`));
    return { pointer, rule, digest };
  });
  return { input: out, secrets };
}

/**
 * A completion's response and summary with their secrets redacted (the field's marker text) and
 * what was redacted; the digests are of the original text, as a capture's are.
 */
export async function redactCompletionSecrets(input: CompletionInput): Promise<{ input: CompletionInput; secrets: SecretRedaction[] }> {
  if (!config().REDACT_SECRETS) return { input, secrets: [] };
  const parts: TextPart[] = COMPLETION_FIELDS.flatMap((f) => (input[f] ? [{ pointer: `/${f}`, text: input[f] }] : []));
  const found = await findSecrets(parts);
  if (found.length === 0) return { input, secrets: [] };
  const out = { ...input };
  const secrets = found.map(({ pointer, rules }): SecretRedaction => {
    const field = pointer.slice(1) as (typeof COMPLETION_FIELDS)[number];
    const digest = fieldDigest(out[field]!);
    out[field] = REDACTED_FIELD_TEXT;
    return { pointer, rule: rules.join(", "), digest };
  });
  return { input: out, secrets };
}
