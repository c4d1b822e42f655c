import { processConnection, queryRows, type Connection } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";

export type TokenInfo = {
  id: string;
  name: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

/** Every token, newest first, without anything that could authenticate. */
export function listTokens(c: Connection = processConnection()): Promise<TokenInfo[]> {
  return queryRows<TokenInfo>(c, Prisma.sql`SELECT id, name, scopes, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at DESC`);
}
