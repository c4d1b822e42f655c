import { setImmediate as nextTick } from "node:timers/promises";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import { filterWhere, pageRowsSql } from "@/lib/db/sql/filter-sql";
import { createdAtMs, type InteractionRow } from "@/lib/interactions/row";

/**
 * Rows per read. A turn may carry a pack of several MB, so a session is read a few turns at
 * a time: the reader holds one batch, whatever the session's length.
 */
export const SESSION_ROW_BATCH = 8;

/** Where turn N-1 ends: the keyset bound after which turn N starts (undefined for turn 1 or beyond the end). */
async function boundBefore(sessionId: string, turn: number): Promise<Cursor | undefined | null> {
  if (turn <= 1) return undefined;
  const [row] = await database().reads.rows<{ created_at: Date | number | bigint; seq: number | bigint }>(
    Prisma.sql`SELECT j.created_at, j.seq FROM interactions j WHERE ${filterWhere({ session_id: sessionId })}
      ORDER BY j.created_at ASC, j.seq ASC LIMIT 1 OFFSET ${turn - 2}`,
  );
  return row ? { createdAt: createdAtMs(row.created_at), seq: Number(row.seq) } : null;
}

/** The keyset cursor of a row. */
export const cursorOfRow = (row: InteractionRow): Cursor => ({ createdAt: createdAtMs(row.created_at), seq: Number(row.seq) });

/**
 * A session's rows oldest first after the cursor (from its first turn without one), read in
 * batches of SESSION_ROW_BATCH; between batches the event loop gets its turn, so a long read
 * never holds up captures. Stop early by leaving the loop.
 */
export async function* sessionRowsAfter(sessionId: string, after: Cursor | undefined): AsyncGenerator<InteractionRow> {
  let newer = after;
  for (;;) {
    const rows = await database().reads.rows<InteractionRow>(pageRowsSql({ session_id: sessionId }, { newer }, SESSION_ROW_BATCH, undefined, "oldest"));
    yield* rows;
    if (rows.length < SESSION_ROW_BATCH) return;
    newer = cursorOfRow(rows[rows.length - 1]);
    await nextTick();
  }
}

/** A session's rows oldest first from turn `fromTurn` on, each with its turn number. */
export async function* sessionRows(sessionId: string, fromTurn = 1): AsyncGenerator<{ row: InteractionRow; turn: number }> {
  const start = await boundBefore(sessionId, fromTurn);
  if (start === null) return;
  let turn = Math.max(1, fromTurn);
  for await (const row of sessionRowsAfter(sessionId, start)) yield { row, turn: turn++ };
}
