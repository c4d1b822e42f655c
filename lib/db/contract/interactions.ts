import type { RecordOutcome, StoreRow } from "@/lib/interactions/capture-outcome";
import type { CompleteResult } from "@/lib/interactions/completion-plan";
import type { CompletionInput } from "@/lib/interactions/schema";
import type { SecretRedaction } from "@/lib/redactions/redact-secrets";

/**
 * The writes of interactions. Each call is ONE write transaction holding the database's write
 * lock, with its audit-chain links, and resolves once its commit is durable; the rules (what is
 * a duplicate, a conflict, a completion) are lib/interactions', the same on both databases.
 */
export interface InteractionStore {
  /**
   * Stores rows, one outcome per row in order: a conflict refuses only its own row; a database
   * failure rolls back every row and is thrown as a 503 saying that none was stored.
   */
  store(rows: readonly StoreRow[]): Promise<RecordOutcome[]>;
  /**
   * Fills a recorded turn's empty response and/or summary and chains the completion; `secrets`
   * are what lib/redactions/redact-secrets.ts already replaced in `input` by the marker text.
   */
  complete(id: string, input: CompletionInput, secrets?: readonly SecretRedaction[]): Promise<CompleteResult>;
}
