/** Where to go after signing in: a path on this site only (never `//host` or a full URL). */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/interactions";
  }
  return value;
}
