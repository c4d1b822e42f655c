const DEFAULT_NEXT = "/interactions";
// A stand-in origin for resolving: what matters is whether a value stays on it, not its name.
const THIS_SITE = "http://this-site.invalid";

/**
 * Where to go after signing in: a path on this site only. The value is resolved the way a
 * browser resolves a Location header (the URL parser drops tabs and newlines, turns `\` into
 * `/`, and collapses `.` and `%2e%2e` segments), so the decision is made on what the browser
 * will open, not on the string's first characters. Anything that resolves elsewhere, or to a
 * path that a browser would read as scheme-relative (`//host`), goes to the default page.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(value, THIS_SITE);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== THIS_SITE) return DEFAULT_NEXT;
  const path = url.pathname + url.search + url.hash;
  // Resolving the normalised path again must land on the same place, on this site.
  if (path.startsWith("//") || new URL(path, THIS_SITE).href !== url.href) return DEFAULT_NEXT;
  return path;
}
