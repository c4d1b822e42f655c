"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { verifyToken } from "@/lib/auth/verify-token";

const WEEK_SECONDS = 7 * 24 * 3600;

// Server actions are POSTs that Next.js refuses unless their Origin matches the host, and
// the cookie is SameSite=Strict: no other site can sign a visitor in or out.
export async function signIn(form: FormData) {
  const token = String(form.get("token") ?? "").trim();
  const next = safeNextPath(form.get("next"));
  const identity = verifyToken(token);
  if (!identity?.scopes.includes("read")) {
    const reason = identity ? "scope" : "invalid";
    redirect(`/sign-in?error=${reason}&next=${encodeURIComponent(next)}`);
  }
  const https = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: https,
    path: "/",
    maxAge: WEEK_SECONDS,
  });
  redirect(next);
}
