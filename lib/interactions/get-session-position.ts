import { prisma } from "@/lib/db/prisma";
import { readRows } from "@/lib/db/reader";
import { NotFoundError } from "@/lib/errors";
import { storedId } from "@/lib/interactions/stored-id";
import { neighbourTurnSql, turnCountSql, turnCursorOf } from "@/lib/sessions/turn-order-sql";

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
  const row = await prisma().interaction.findUnique({
    where: { id: storedId(id) },
    select: { seq: true, created_at: true, occurred_at: true, session_id: true },
  });
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  if (!row.session_id) return null;
  const sessionId = row.session_id;
  const here = turnCursorOf(row);
  const neighbour = async (side: "before" | "after") => (await readRows<{ id: string }>(neighbourTurnSql(sessionId, here, side)))[0]?.id ?? null;
  const [[{ n: turns }], [{ n: before }], previous_id, next_id] = await Promise.all([
    readRows<{ n: number }>(turnCountSql(sessionId)),
    readRows<{ n: number }>(turnCountSql(sessionId, here)),
    neighbour("before"),
    neighbour("after"),
  ]);
  return { session_id: sessionId, turn: before + 1, turns, previous_id, next_id };
}
