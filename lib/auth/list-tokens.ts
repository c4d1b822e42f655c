import type Database from "better-sqlite3";
import { sqlite } from "@/lib/db/sqlite";

export type TokenInfo = {
  id: string;
  name: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

/** Every token, newest first, without anything that could authenticate. */
export function listTokens(db: Database.Database = sqlite()): TokenInfo[] {
  return db
    .prepare("SELECT id, name, scopes, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at DESC")
    .all() as TokenInfo[];
}
