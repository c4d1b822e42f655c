import { createToken } from "@/lib/auth/create-token";
import { SCOPES, type Scope } from "@/lib/auth/scopes";
import { openConnection } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate-on-start";

/**
 * Credentials for tests. Every central helper is signed in by default:
 *  - `startServer()` provisions a token with every scope in its temporary database and exposes
 *    it as `server.token`, `server.headers` (for a raw fetch) and `server.fetch(path, init)`;
 *  - `apiFetch` / `postJson` / `getJson` (tests/helpers/api.ts) send that token as
 *    `Authorization: Bearer ...` unless the request carries its own Authorization header;
 *  - Playwright pages get the viewer's cookie (storageState) and `request` gets the bearer
 *    header (extraHTTPHeaders), both from tests/e2e/global-setup.ts.
 * To test refusals, opt out per request: `apiFetch(path, { auth: false })` sends no token,
 * `apiFetch(path, { auth: otherToken })` sends another one, and `tokenFor(databaseUrl, ["read"])`
 * makes a token with fewer scopes. In Playwright, `test.use({ storageState: { cookies: [],
 * origins: [] }, extraHTTPHeaders: {} })` gives an anonymous browser and request.
 */
export type AuthOption = { auth?: false | string };

/**
 * Creates a token in the database at `databaseUrl` (SQLite or PostgreSQL; a bare path is a
 * SQLite file), migrating it first, so a fresh database works.
 */
export async function tokenFor(databaseUrl: string, scopes: Scope[] = [...SCOPES], name = "tests"): Promise<string> {
  await migrateDatabase(databaseUrl);
  const c = await openConnection(databaseUrl);
  try {
    return (await createToken({ name, scopes }, c)).token;
  } finally {
    await c.close();
  }
}

/** The headers with `Authorization: Bearer <token>` added, unless already present or auth is false. */
export function withAuth(headers: HeadersInit | undefined, token: string | false): Headers {
  const result = new Headers(headers);
  if (token !== false && !result.has("authorization")) result.set("authorization", `Bearer ${token}`);
  return result;
}
