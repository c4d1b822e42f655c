const WEEK_SECONDS = 7 * 24 * 3600;

/**
 * The viewer's cookie: unreadable by script, never sent on cross-site requests, and Secure
 * when the request came over HTTPS (directly, or as a TLS-terminating proxy reports it).
 */
export function sessionCookieOptions(headers: Headers) {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0].trim();
  return { httpOnly: true, sameSite: "strict" as const, secure: proto === "https", path: "/", maxAge: WEEK_SECONDS };
}
