import { insertTokenSql, newToken, type CreatedToken } from "@/lib/auth/create-token";
import { SCOPES } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import { executeAlone, processConnection, type Connection } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";

// Any fixed key of our own, distinct from the migrator's (72707369).
const FIRST_TOKEN_LOCK_KEY = 72707370;

/**
 * On a database without any active token, creates one with every scope, so a fresh
 * `npm start` is usable at once. When several servers start together, exactly one of them
 * creates (and prints) it: the check and the insert are one statement, which SQLite runs
 * under its write lock; on PostgreSQL two such statements could both see no token (READ
 * COMMITTED), so there they take turns on an advisory lock.
 */
export async function ensureAdminToken(c: Connection = processConnection()): Promise<CreatedToken | null> {
  const chosen = config().ATOCORE_AUDIT_ADMIN_TOKEN;
  const t = newToken({ name: chosen ? "admin (from environment)" : "admin (first start)", scopes: [...SCOPES], token: chosen });
  const insert = insertTokenSql(t, Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM api_tokens WHERE revoked_at IS NULL)`);
  const stored = await executeAlone(c, FIRST_TOKEN_LOCK_KEY, insert);
  return stored ? t : null;
}
