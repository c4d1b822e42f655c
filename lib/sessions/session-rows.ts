import { database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nextStep } from "@/lib/render-steps";
import type { InteractionRow } from "@/lib/interactions/row";
import { turnAtOffsetSql, turnCursorOf, turnRowsSql, type TurnCursor } from "@/lib/db/sql/turn-order-sql";

/**
 * Rows per read. A turn may carry a pack of several MB, so a session is read a few turns at
 * a time: the reader holds one batch, whatever the session's length; and each batch is one
 * step (lib/render-steps.ts): four turns of ~40 KB packs read, parsed and compared.
 */
export const SESSION_ROW_BATCH = 4;

/** The columns of a row that place it in its session's order. */
type TurnKeys = Pick<InteractionRow, "occurred_at" | "created_at" | "seq">;

/** Where turn N-1 ends: the bound after which turn N starts (undefined for turn 1, null beyond the end). */
async function boundBefore(sessionId: string, turn: number): Promise<TurnCursor | undefined | null> {
  if (turn <= 1) return undefined;
  const [row] = await database().reads.rows<TurnKeys>(turnAtOffsetSql(sessionId, turn - 2));
  return row ? turnCursorOf(row) : null;
}

/**
 * A session's rows in turn order (when they happened) after the cursor (from its first turn
 * without one), read in batches of SESSION_ROW_BATCH, one step each, so a long read never
 * holds up captures: every column, or `columns` (of `interactions j`, with the turn keys).
 * Stop early by leaving the loop.
 */
export async function* sessionRowsAfter<Row extends TurnKeys = InteractionRow>(
  sessionId: string,
  after: TurnCursor | undefined,
  columns?: Prisma.Sql,
): AsyncGenerator<Row> {
  let newer = after;
  for (;;) {
    const rows = await database().reads.rows<Row>(turnRowsSql(sessionId, newer, SESSION_ROW_BATCH, undefined, columns));
    yield* rows;
    if (rows.length < SESSION_ROW_BATCH) return;
    newer = turnCursorOf(rows[rows.length - 1]);
    await nextStep();
  }
}

/** A session's rows in turn order from turn `fromTurn` on, each with its turn number: every column, or `columns` as sessionRowsAfter takes. */
export async function* sessionRows<Row extends TurnKeys = InteractionRow>(
  sessionId: string,
  fromTurn = 1,
  columns?: Prisma.Sql,
): AsyncGenerator<{ row: Row; turn: number }> {
  const start = await boundBefore(sessionId, fromTurn);
  if (start === null) return;
  let turn = Math.max(1, fromTurn);
  for await (const row of sessionRowsAfter<Row>(sessionId, start, columns)) yield { row, turn: turn++ };
}
