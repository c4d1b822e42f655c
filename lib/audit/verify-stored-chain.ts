import type { VerifyOptions, VerifyRun } from "@/lib/audit/verify-chain";
import { config } from "@/lib/config";
import { databaseAt } from "@/lib/db";

/**
 * Verifies the chain of the configured database, or of `database`: a PostgreSQL URL, a
 * SQLite `file:` URL or a SQLite file path; from the genesis unless `options.from` is given.
 * The verifier reads on a connection of its own, inside one read transaction (one snapshot),
 * so it neither blocks nor takes a pool connection from the writers for the seconds a large
 * chain takes.
 */
export function verifyStoredChain(database = config().DATABASE_URL, options: VerifyOptions = {}): Promise<VerifyRun> {
  return databaseAt(database).chain.verify(database, options);
}
