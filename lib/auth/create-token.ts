import { randomUUID } from "node:crypto";
import type { Scope } from "@/lib/auth/scopes";
import { hashToken, newTokenText } from "@/lib/auth/token-hash";
import { execute, processConnection, type Connection } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";

export type CreatedToken = { id: string; name: string; scopes: Scope[]; token: string };
export type TokenInput = { name: string; scopes: Scope[]; /** the token text, when the operator chose it */ token?: string };

/** A new token, not yet stored: its id and its text in clear (the only time it is available). */
export function newToken(input: TokenInput): CreatedToken {
  const name = input.name.trim();
  if (!name) throw new Error("A token needs a name");
  return { id: randomUUID(), name, scopes: input.scopes, token: input.token ?? newTokenText() };
}

/**
 * The INSERT that stores a token's hash. Its values are a SELECT, so that a caller can add a
 * WHERE that decides in the same statement whether it is stored (ensure-admin-token.ts).
 */
export function insertTokenSql(t: CreatedToken, where: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`INSERT INTO api_tokens (id, name, token_hash, scopes, created_at)
    SELECT ${t.id}, ${t.name}, ${hashToken(t.token)}, ${t.scopes.join(",")}, ${new Date()} ${where}`;
}

/** Creates a token and returns it in clear: the only time it is ever available. */
export async function createToken(input: TokenInput, c: Connection = processConnection()): Promise<CreatedToken> {
  const t = newToken(input);
  await execute(c, insertTokenSql(t));
  return t;
}
