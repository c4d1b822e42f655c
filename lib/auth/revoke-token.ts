import type Database from "better-sqlite3";
import { sqlite } from "@/lib/db/sqlite";

/**
 * Revokes the token with this id, or every active token with this name. The row stays (its
 * name and times are part of the audit trail); the check refuses it from the next request on.
 * Returns how many tokens were revoked.
 */
export function revokeToken(idOrName: string, db: Database.Database = sqlite()): number {
  return db
    .prepare("UPDATE api_tokens SET revoked_at = ? WHERE (id = ? OR name = ?) AND revoked_at IS NULL")
    .run(Date.now(), idOrName, idOrName).changes;
}
