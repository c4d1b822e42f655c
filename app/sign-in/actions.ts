"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/auth/client-address";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { failureThrottle } from "@/lib/auth/failure-throttle";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { verifyToken } from "@/lib/auth/verify-token";

// Server actions are POSTs that Next.js refuses unless their Origin matches the host, and
// the cookie is SameSite=Strict: no other site can sign a visitor in or out.
export async function signIn(form: FormData) {
  const token = String(form.get("token") ?? "").trim();
  const next = safeNextPath(form.get("next"));
  const identity = await verifyToken(token);
  if (!identity?.scopes.includes("read")) {
    const throttled = !identity && failureThrottle().fail(clientAddress(await headers())) > 0;
    const reason = throttled ? "throttled" : identity ? "scope" : "invalid";
    redirect(`/sign-in?error=${reason}&next=${encodeURIComponent(next)}`);
  }
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(await headers()));
  redirect(next);
}
