/**
 * Whether a request was sent by a page of this site. Browsers send Origin with every
 * state-changing request, so a cookie-authenticated write without a matching Origin is
 * refused (SameSite=Strict already stops most cross-site sends; this covers the rest).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || !host || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
