import type { VerifyOptions, VerifyRun } from "@/lib/audit/verify-chain";

/**
 * The audit chain as stored. Links are appended by each write inside its own transaction
 * (lib/db/<database>/chain.ts); this part reads the chain back for verification.
 */
export interface ChainStore {
  /**
   * Verifies the chain of the database at `url` on a connection of its own, inside one read
   * snapshot, so it neither blocks the writers nor takes their connections.
   */
  verify(url: string, options: VerifyOptions): Promise<VerifyRun>;
}
