/**
 * What a caller may do: `capture` writes interactions, `read` reads them (API and viewer),
 * `review` records reviews (verdicts, labels, notes), `admin` manages tokens, `redact` removes
 * content from stored interactions. A token carries an explicit list; no scope implies another.
 */
export const SCOPES = ["capture", "read", "review", "admin", "redact"] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Parses "capture,read" (the stored and CLI form); throws on an unknown scope. */
export function parseScopes(text: string): Scope[] {
  const scopes = [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length || scopes.length === 0) {
    throw new Error(`Scopes must be a comma-separated list of ${SCOPES.join(", ")} (got "${text}")`);
  }
  return scopes as Scope[];
}
