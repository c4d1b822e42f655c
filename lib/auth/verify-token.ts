import { parseScopes, type Scope } from "@/lib/auth/scopes";
import { hashToken } from "@/lib/auth/token-hash";
import { execute, processConnection, queryRows } from "@/lib/db/connection";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

export type TokenIdentity = { id: string; name: string; scopes: Scope[] };
type TokenRow = { id: string; name: string; scopes: string };

// last_used_at is a write (an fsync on PostgreSQL's commit); once a minute per token and
// process is precise enough for "is this token still in use" and keeps it off the capture path.
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

/**
 * The identity behind a token, or null when it is unknown or revoked. Looked up on every
 * request (an indexed point read), so a revocation takes effect at once, on every server.
 * A database that cannot answer is `503 unavailable` (send the request again), not a refusal.
 */
export async function verifyToken(token: string): Promise<TokenIdentity | null> {
  if (!token || token.length > 200) return null;
  const c = processConnection();
  let row: TokenRow | undefined;
  try {
    [row] = await queryRows<TokenRow>(
      c,
      Prisma.sql`SELECT id, name, scopes FROM api_tokens WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL`,
    );
  } catch (err) {
    log.error("token_check_failed", { error: (err as Error).message });
    throw new AppError("unavailable", "The database is not reachable; send the request again");
  }
  if (!row) return null;
  const now = Date.now();
  if (now - (lastTouched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
    lastTouched.set(row.id, now);
    // Bookkeeping only: a failed write must not fail the request; the next one tries again.
    await execute(c, Prisma.sql`UPDATE api_tokens SET last_used_at = ${new Date(now)} WHERE id = ${row.id}`).catch((err: Error) => {
      lastTouched.delete(row.id);
      log.warn("token_last_used_not_written", { token_id: row.id, error: err.message });
    });
  }
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
}
