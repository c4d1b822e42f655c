import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
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

/** Whether the request's token may redact (everyone may with AUTH_DISABLED). */
export async function mayRedact(headers: Headers): Promise<boolean> {
  return authDisabled() || ((await identityOf(headers))?.scopes.includes("redact") ?? false);
}
