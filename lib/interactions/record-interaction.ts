import { database } from "@/lib/db";
import { log } from "@/lib/log";
import type { RecordOutcome, RecordResult, StoreRow } from "@/lib/interactions/capture-outcome";
import type { CaptureInput } from "@/lib/interactions/schema";
import { redactSecrets } from "@/lib/redactions/redact-secrets";

export type { RecordOutcome, RecordResult } from "@/lib/interactions/capture-outcome";

/**
 * Stores rows in ONE transaction on the configured database and resolves once the commit is
 * durable. A conflict refuses only its own row; a database failure rolls back every row and
 * is thrown as a 503 saying that none was stored. The import (lib/import/write-batch.ts) calls
 * this with rows that keep their own created_at.
 */
export async function storeInteractions(rows: readonly StoreRow[]): Promise<RecordOutcome[]> {
  const scanned: StoreRow[] = [];
  // One after another: a scan is CPU work, and a batch's rows in parallel would only interleave.
  for (const row of rows) scanned.push({ ...row, ...(await redactSecrets(row.input)) });
  const outcomes = await database().interactions.store(scanned);
  return outcomes.map((o, i) => (o.status === "created" && scanned[i].secrets?.length ? { ...o, secrets: scanned[i].secrets } : o));
}

function logOutcome(outcome: RecordOutcome) {
  if (outcome.status === "error") return;
  const { interaction } = outcome;
  log.info(outcome.status === "created" ? "interaction_recorded" : "interaction_duplicate", {
    interaction_id: interaction.id,
    project: interaction.project,
    client: interaction.client,
    session_id: interaction.session_id,
    memories_used: interaction.memories_used.length,
    chunks_used: interaction.chunks_used.length,
    response_chars: interaction.response.length,
  });
}

/** Captures many interactions in one transaction (storeInteractions), one outcome per input in order. */
export async function recordInteractions(inputs: readonly CaptureInput[]): Promise<RecordOutcome[]> {
  const outcomes = await storeInteractions(inputs.map((input) => ({ input })));
  for (const outcome of outcomes) logOutcome(outcome);
  return outcomes;
}

/** Stores one interaction (see recordInteractions); a conflict is thrown as a ConflictError. */
export async function recordInteraction(input: CaptureInput): Promise<RecordResult> {
  const [outcome] = await recordInteractions([input]);
  if (outcome.status === "error") throw outcome.error;
  return outcome;
}
