import { type AppError, toErrorBody, ValidationError } from "@/lib/errors";
import type { BatchItemResult, BatchResult } from "@/lib/interactions/batch-schema";
import { recordInteractions } from "@/lib/interactions/record-interaction";
import { captureBodySchema, type CaptureInput } from "@/lib/interactions/schema";
import { secretsRedacted } from "@/lib/redactions/schema";
import { toErrorIssues } from "@/lib/zod-issues";

function itemError(index: number, id: string | null, err: AppError): BatchItemResult {
  return { index, status: "error", id, error: toErrorBody(err).error };
}

/** The id an invalid item carried, so the caller can match the refusal to its turn. */
function claimedId(item: unknown): string | null {
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : null;
}

/**
 * Validates every item like a single capture and stores the valid ones together in one
 * transaction. An invalid or conflicting item refuses only itself; if the transaction
 * fails, nothing is stored and the whole request fails (503) saying so.
 */
export async function recordBatch(items: readonly unknown[]): Promise<BatchResult> {
  const results: BatchItemResult[] = new Array(items.length);
  const valid: { index: number; input: CaptureInput }[] = [];
  items.forEach((item, index) => {
    const parsed = captureBodySchema().safeParse(item);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else {
      const err = new ValidationError("The interaction is not valid", toErrorIssues(parsed.error));
      results[index] = itemError(index, claimedId(item), err);
    }
  });

  const outcomes = await recordInteractions(valid.map((v) => v.input));
  outcomes.forEach((outcome, k) => {
    const { index, input } = valid[k];
    results[index] =
      outcome.status === "error"
        ? itemError(index, input.id ?? null, outcome.error)
        : { index, status: outcome.status, id: outcome.interaction.id, ...secretsRedacted(outcome.secrets) };
  });
  return { results };
}
