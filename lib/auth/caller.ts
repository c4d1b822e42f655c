import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import { verifyToken } from "@/lib/auth/verify-token";

/** The name of the token behind a request route() let through: who a record says did it. */
export async function callerName(headers: Headers): Promise<string> {
  const credential = credentialFrom(headers);
  const identity = credential && (await verifyToken(credential.token));
  if (identity) return `token:${identity.name}`;
  return authDisabled() ? "anonymous (AUTH_DISABLED)" : "unknown";
}
