import { canonicalJson } from "@/lib/canonical-json";
import { captureBodySchema } from "@/lib/interactions/schema";
import { nameUuid } from "@/lib/import/name-uuid";
import type { ImportRow } from "@/lib/import/write-batch";
import { parseInstant } from "@/lib/time";
import { toErrorIssues } from "@/lib/zod-issues";

export type ParsedRow = { row: ImportRow } | { reason: string };

// Imported rows may be years old, but not from the future (a clock or parsing error).
const FUTURE_SLACK_MS = 24 * 3600_000;

/**
 * One import record: a capture body (validated exactly as the API validates it) plus an
 * optional `created_at` in any form the list filters accept. A record without `id` gets a
 * name-based one from its content, so that importing the same file twice adds nothing.
 */
export function parseImportRow(value: unknown, now = Date.now()): ParsedRow {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { reason: "not a JSON object" };
  // An exported record carries response_added_at (when a completion filled it): the import
  // stores the turn as one capture of its full content, so that time is not kept.
  const { created_at, response_added_at: _completedAt, ...body } = value as Record<string, unknown>;
  let createdAt = now;
  if (created_at !== undefined) {
    const ms = typeof created_at === "string" ? parseInstant(created_at) : null;
    if (ms === null) return { reason: `created_at is not a valid time: ${JSON.stringify(created_at)}` };
    if (ms > now + FUTURE_SLACK_MS) return { reason: `created_at is in the future: ${created_at}` };
    createdAt = ms;
  }
  const parsed = captureBodySchema().safeParse(body);
  if (!parsed.success) {
    return { reason: toErrorIssues(parsed.error).map((i) => i.message).join("; ") };
  }
  const input = parsed.data;
  const id = input.id ?? nameUuid(canonicalJson([created_at ?? null, input]));
  return { row: { input: { ...input, id }, createdAt } };
}
