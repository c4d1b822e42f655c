import type { RedactionRecord } from "@/lib/audit/redaction-content";
import type { RedactionRequest } from "@/lib/redactions/plan-redaction";

// What redactions need from a database: one write transaction that reads the row and its chain
// facts, applies lib/redactions/plan-redaction.ts, and stores the column, the record and the link.

export type RedactInput = RedactionRequest & { interactionId: string };

export interface RedactionStore {
  /** Redacts one part of one interaction; NotFoundError / ConflictError before anything is written. */
  redact(input: RedactInput): Promise<RedactionRecord>;
}
