// JSON with object keys sorted at every level: two values that mean the same compare equal
// whatever key order the client happened to send.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      Object.defineProperty(sorted, k, {
        value: (v as Record<string, unknown>)[k],
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return sorted;
  });
}
