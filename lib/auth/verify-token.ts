import { parseScopes, type Scope } from "@/lib/auth/scopes";
import { hashToken } from "@/lib/auth/token-hash";
import { execute, processConnection, queryRows } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";

export type TokenIdentity = { id: string; name: string; scopes: Scope[] };

// last_used_at is a write (an fsync on PostgreSQL's commit); once a minute per token and
// process is precise enough for "is this token still in use" and keeps it off the capture path.
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

/**
 * The identity behind a token, or null when it is unknown or revoked. Looked up on every
 * request (an indexed point read), so a revocation takes effect at once, on every server.
 */
export async function verifyToken(token: string): Promise<TokenIdentity | null> {
  if (!token || token.length > 200) return null;
  const c = processConnection();
  const [row] = await queryRows<{ id: string; name: string; scopes: string }>(
    c,
    Prisma.sql`SELECT id, name, scopes FROM api_tokens WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL`,
  );
  if (!row) return null;
  const now = Date.now();
  if (now - (lastTouched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
    lastTouched.set(row.id, now);
    await execute(c, Prisma.sql`UPDATE api_tokens SET last_used_at = ${new Date(now)} WHERE id = ${row.id}`);
  }
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
}
