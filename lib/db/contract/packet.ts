import type { ChainedRow } from "@/lib/audit/canonical-content";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import type { Cursor } from "@/lib/interactions/cursor";

// What the audit packet (lib/packet/) needs from a database. Rows come back exactly as the
// chain's verifier reads them (lib/audit/verify-chain.ts), so the packet can embed what the
// content hashes were computed from: JSON columns as their stored text, times in epoch ms.

/** A session's row: the chained columns as stored, plus its keyset position. */
export type PacketRow = ChainedRow & { seq: number; created_at: number; response_added_at: number | null; occurred_at: number | null };

/** An audit_chain link as stored. */
export type PacketLink = {
  seq: number;
  kind: string;
  interaction_id: string;
  fields: string;
  content_hash: string;
  prev_hash: string;
  hash: string;
};

/** What a completion may change in a row: compared before and after reading its links. */
export type CompletableState = { id: string; response: string; response_summary: string; response_added_at: number | null };

export interface PacketStore {
  /** Up to `limit` rows of the session after `after` (oldest first) and not beyond `through`. */
  sessionRows(sessionId: string, after: Cursor | undefined, through: Cursor, limit: number): Promise<PacketRow[]>;
  /** Every link covering these interactions, in chain order. */
  linksOf(interactionIds: readonly string[]): Promise<PacketLink[]>;
  completableState(interactionIds: readonly string[]): Promise<CompletableState[]>;
  /** Every redaction record of these interactions (created_at in epoch ms). */
  redactionsOf(interactionIds: readonly string[]): Promise<RedactionRecord[]>;
  /** The chain's newest link. */
  head(): Promise<{ seq: number; hash: string } | null>;
  /** Links with `after` < seq <= `through`, at most `limit`, in chain order: what connects the covered links. */
  linksBetween(after: number, through: number, limit: number): Promise<{ seq: number; content_hash: string }[]>;
}
