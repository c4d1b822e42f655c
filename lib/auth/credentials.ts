/** The cookie the viewer's sign-in sets; it holds a token, read by the server only (httpOnly). */
export const SESSION_COOKIE = "atocore_token";

export type Credential = { token: string; via: "bearer" | "cookie" };

function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** The token a request presents: an Authorization bearer header first, else the viewer's cookie. */
export function credentialFrom(headers: Headers): Credential | null {
  const auth = headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    // A malformed Authorization header is a wrong credential, never a fallback to the cookie.
    return { token: m?.[1] ?? "", via: "bearer" };
  }
  const cookie = cookieValue(headers.get("cookie") ?? "", SESSION_COOKIE);
  return cookie ? { token: cookie, via: "cookie" } : null;
}
