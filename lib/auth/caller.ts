import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import type { Scope } from "@/lib/auth/scopes";
import { verifyToken, type TokenIdentity } from "@/lib/auth/verify-token";

/** The token behind a request (bearer header or the viewer's cookie), or null. */
export async function identityOf(headers: Headers): Promise<TokenIdentity | null> {
  const credential = credentialFrom(headers);
  return credential && verifyToken(credential.token);
}

/** The name of the token behind a request route() let through: who a record says did it. */
export async function callerName(headers: Headers): Promise<string> {
  const identity = await identityOf(headers);
  if (identity) return `token:${identity.name}`;
  return authDisabled() ? "anonymous (AUTH_DISABLED)" : "unknown";
}

/** The scopes the viewer behind these request headers holds (all with AUTH_DISABLED), from one token lookup. */
export async function viewerScopes(headers: Headers): Promise<(scope: Scope) => boolean> {
  if (authDisabled()) return () => true;
  const scopes = (await identityOf(headers))?.scopes ?? [];
  return (scope) => scopes.includes(scope);
}
