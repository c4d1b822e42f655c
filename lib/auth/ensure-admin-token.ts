import type Database from "better-sqlite3";
import { createToken, type CreatedToken } from "@/lib/auth/create-token";
import { SCOPES } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import { sqlite } from "@/lib/db/sqlite";

/**
 * On a database without any active token, creates one with every scope, so a fresh
 * `npm start` is usable at once. IMMEDIATE takes the write lock before counting, so when
 * several processes start together exactly one of them creates (and prints) the token.
 */
export function ensureAdminToken(db: Database.Database = sqlite()): CreatedToken | null {
  return db
    .transaction(() => {
      const active = db.prepare("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL").pluck().get() as number;
      if (active > 0) return null;
      const chosen = config().ATOCORE_AUDIT_ADMIN_TOKEN;
      return createToken({ name: chosen ? "admin (from environment)" : "admin (first start)", scopes: [...SCOPES], token: chosen }, db);
    })
    .immediate();
}
