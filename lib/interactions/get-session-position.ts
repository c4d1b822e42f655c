import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { interactionRow } from "@/lib/interactions/interaction-row";
import { neighbourTurnSql, turnCountSql, turnCursorOf } from "@/lib/db/sql/turn-order-sql";

export type SessionPosition = {
  session_id: string;
  /** 1-based place of the interaction in its session, in the order the turns happened. */
  turn: number;
  turns: number;
  previous_id: string | null;
  next_id: string | null;
};

/** Where an interaction sits in its session; null when it has no session. Index-backed. */
export async function getSessionPosition(id: string): Promise<SessionPosition | null> {
  const row = await interactionRow<{ seq: number; created_at: Date | number; occurred_at: Date | number | null; session_id: string | null }>(
    id,
    Prisma.sql`j.seq, j.created_at, j.occurred_at, j.session_id`,
  );
  if (!row.session_id) return null;
  const sessionId = row.session_id;
  const here = turnCursorOf(row);
  const neighbour = async (side: "before" | "after") => (await database().reads.rows<{ id: string }>(neighbourTurnSql(sessionId, here, side)))[0]?.id ?? null;
  const [[{ n: turns }], [{ n: before }], previous_id, next_id] = await Promise.all([
    database().reads.rows<{ n: number }>(turnCountSql(sessionId)),
    database().reads.rows<{ n: number }>(turnCountSql(sessionId, here)),
    neighbour("before"),
    neighbour("after"),
  ]);
  return { session_id: sessionId, turn: before + 1, turns, previous_id, next_id };
}
