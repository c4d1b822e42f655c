import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import type { Scope } from "@/lib/auth/scopes";
import { hashToken, newTokenText } from "@/lib/auth/token-hash";
import { sqlite } from "@/lib/db/sqlite";

export type CreatedToken = { id: string; name: string; scopes: Scope[]; token: string };

/** Creates a token and returns it in clear: the only time it is ever available. */
export function createToken(
  input: { name: string; scopes: Scope[]; /** the token text, when the operator chose it */ token?: string },
  db: Database.Database = sqlite(),
): CreatedToken {
  const name = input.name.trim();
  if (!name) throw new Error("A token needs a name");
  const token = input.token ?? newTokenText();
  const id = randomUUID();
  db.prepare("INSERT INTO api_tokens (id, name, token_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)").run(
    id,
    name,
    hashToken(token),
    input.scopes.join(","),
    Date.now(),
  );
  return { id, name, scopes: input.scopes, token };
}
