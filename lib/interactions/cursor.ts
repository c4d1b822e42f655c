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

/** A list page with the cursors of the next (older) and the newer page. */
export type KeysetPage<T> = { page: T[]; next_cursor: string | null; newer_cursor: string | null };

/**
 * Turns rows read with one extra (limit + 1, which tells whether another page exists without a
 * count) into a page in list order, newest first. Rows read towards the present (`after`) come
 * oldest first and are turned round; the caller serves the newest page instead when fewer than
 * `limit` of them exist. Only a page reached through a cursor can have newer rows before it.
 */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  read: { newer: true } | { newer: false; throughCursor: boolean },
  cursorOf: (row: T) => string,
): KeysetPage<T> {
  if (read.newer) {
    const page = rows.slice(0, limit).reverse();
    return { page, next_cursor: cursorOf(page.at(-1)!), newer_cursor: rows.length > limit ? cursorOf(page[0]) : null };
  }
  const page = rows.slice(0, limit);
  return {
    page,
    next_cursor: rows.length > limit ? cursorOf(page.at(-1)!) : null,
    newer_cursor: read.throughCursor && page.length > 0 ? cursorOf(page[0]) : null,
  };
}
