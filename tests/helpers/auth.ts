import { randomUUID } from "node:crypto";
import { SCOPES, type Scope } from "@/lib/auth/scopes";
import { hashToken, newTokenText } from "@/lib/auth/token-hash";
import { databaseKindOf } from "@/lib/db/database-kind";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { withDatabase } from "./open-db";

/**
 * Credentials for tests. Every central helper is signed in by default:
 *  - `startServer()` provisions a token with every scope in its temporary database and exposes
 *    it as `server.token`, `server.headers` (for a raw fetch) and `server.fetch(path, init)`;
 *  - `apiFetch` / `postJson` / `getJson` (tests/helpers/api.ts) send that token as
 *    `Authorization: Bearer ...` unless the request carries its own Authorization header;
 *  - Playwright pages get the viewer's cookie (storageState) and `request` gets the bearer
 *    header (extraHTTPHeaders), both from tests/e2e/global-setup.ts.
 * To test refusals, opt out per request: `apiFetch(path, { auth: false })` sends no token,
 * `apiFetch(path, { auth: otherToken })` sends another one, and `await tokenFor(databaseUrl, ["read"])`
 * makes a token with fewer scopes. In Playwright, `test.use({ storageState: { cookies: [],
 * origins: [] }, extraHTTPHeaders: {} })` gives an anonymous browser and request.
 */
export type AuthOption = { auth?: false | string };

/**
 * Creates a token in the database (migrating it first, so a fresh database works), written
 * as the token CLI stores one: only the hash of the clear text it returns.
 */
export async function tokenFor(/** DATABASE_URL, or a SQLite file */ databaseUrl: string, scopes: Scope[] = [...SCOPES], name = "tests"): Promise<string> {
  if (databaseKindOf(databaseUrl) === "postgres") await migratePostgres(databaseUrl);
  else migrateSqlite(sqliteFileFromUrl(databaseUrl));
  const token = newTokenText();
  await withDatabase(databaseUrl, (db) =>
    db.run(
      Prisma.sql`INSERT INTO api_tokens (id, name, token_hash, scopes, created_at)
        VALUES (${randomUUID()}, ${name}, ${hashToken(token)}, ${scopes.join(",")}, ${new Date()})`,
    ),
  );
  return token;
}

/** The headers with `Authorization: Bearer <token>` added, unless already present or auth is false. */
export function withAuth(headers: HeadersInit | undefined, token: string | false): Headers {
  const result = new Headers(headers);
  if (token !== false && !result.has("authorization")) result.set("authorization", `Bearer ${token}`);
  return result;
}
