import { ValidationError } from "@/lib/errors";

// Next.js decodes dynamic path segments before a route runs and answers a bad escape (`%ZZ`,
// `%C0%AF`) with a bare 500: proxy.ts refuses those first (it sees every path holding a `%`).
// A U+0000 (`%00`) in the path or a query value is refused too, on both databases alike:
// PostgreSQL cannot take it as a text parameter, and no stored value can hold it.

/** What is wrong with a request's URL, or null: checked by proxy.ts and by every API route. */
export function urlProblem(url: URL): ValidationError | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return invalid("path", "not valid percent-encoded UTF-8");
  }
  if (path.includes("\0")) return invalid("path", "must not contain U+0000");
  for (const [name, value] of url.searchParams) {
    if (name.includes("\0") || value.includes("\0")) return invalid(name.replaceAll("\0", "\\0"), "must not contain U+0000");
  }
  return null;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`The URL is not valid: ${field} ${message}`, [{ path: [field], message }]);
}
