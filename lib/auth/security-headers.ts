/**
 * The Content-Security-Policy of one response. Scripts run only with this request's nonce
 * (Next.js adds it to its own scripts; 'strict-dynamic' lets those load the app's chunks),
 * so injected markup cannot execute. Inline style attributes stay allowed: they cannot run
 * code, and client components use them. Development needs eval for fast refresh.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
