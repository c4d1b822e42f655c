import { parseScopes, type Scope } from "@/lib/auth/scopes";
import { hashToken } from "@/lib/auth/token-hash";
import { sqlite } from "@/lib/db/sqlite";

export type TokenIdentity = { id: string; name: string; scopes: Scope[] };

// last_used_at is a write (an fsync under synchronous=FULL); once a minute per token is
// precise enough for "is this token still in use" and keeps it off the capture path.
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

/**
 * The identity behind a token, or null when it is unknown or revoked. Looked up on every
 * request (an indexed point read), so a revocation takes effect at once.
 */
export function verifyToken(token: string): TokenIdentity | null {
  if (!token || token.length > 200) return null;
  const db = sqlite();
  const row = db
    .prepare("SELECT id, name, scopes FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
    .get(hashToken(token)) as { id: string; name: string; scopes: string } | undefined;
  if (!row) return null;
  const now = Date.now();
  if (now - (lastTouched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
    lastTouched.set(row.id, now);
    db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").run(now, row.id);
  }
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
}
