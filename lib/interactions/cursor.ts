// A keyset cursor names the last row of a page by (created_at, seq), the same pair the
// list is ordered by, so the next page starts strictly after it whatever arrives meanwhile.
export type Cursor = { createdAt: number; seq: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt}.${c.seq}`, "utf8").toString("base64url");
}

export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return null;
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  if (!m) return null;
  const createdAt = Number(m[1]);
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(createdAt) || !Number.isSafeInteger(seq)) return null;
  return { createdAt, seq };
}
