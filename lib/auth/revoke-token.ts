import { execute, processConnection, type Connection } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Revokes the token with this id, or every active token with this name. The row stays (its
 * name and times are part of the audit trail); the check refuses it from the next request on.
 * Returns how many tokens were revoked.
 */
export function revokeToken(idOrName: string, c: Connection = processConnection()): Promise<number> {
  return execute(c, Prisma.sql`UPDATE api_tokens SET revoked_at = ${new Date()} WHERE (id = ${idOrName} OR name = ${idOrName}) AND revoked_at IS NULL`);
}
