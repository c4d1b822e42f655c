import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import { verifyToken } from "@/lib/auth/verify-token";

/** Whether the viewer behind these request headers may record reviews (its token has `review`). */
export async function canReview(headers: Headers): Promise<boolean> {
  if (authDisabled()) return true;
  const credential = credentialFrom(headers);
  const identity = credential ? await verifyToken(credential.token) : null;
  return !!identity?.scopes.includes("review");
}
