// The security headers every response carries besides its CSP, and the CSP of answers that load
// nothing (JSON, static files). Plain JavaScript so that next.config.mjs, which Node loads
// untranspiled, sets the same ones on what the proxy does not see (static files, API paths)
// as proxy.ts sets on the rest.

export const STATIC_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on
  // same-site form posts, which the CSRF checks would then refuse.
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

export const LOADS_NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'";
