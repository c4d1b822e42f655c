import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { countSql, filterWhere, type RowBound } from "@/lib/db/sql/filter-sql";
import { createdAtMs } from "@/lib/interactions/row";
import { storedId } from "@/lib/interactions/stored-id";

export type SessionPosition = {
  session_id: string;
  /** 1-based place of the interaction in its session, oldest first. */
  turn: number;
  turns: number;
  previous_id: string | null;
  next_id: string | null;
};

/** Where an interaction sits in its session; null when it has no session. Index-backed. */
export async function getSessionPosition(id: string): Promise<SessionPosition | null> {
  const [row] = await database().reads.rows<{ seq: number; created_at: Date | number; session_id: string | null }>(
    Prisma.sql`SELECT seq, created_at, session_id FROM interactions WHERE id = ${storedId(id)}`,
  );
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  if (!row.session_id) return null;
  const session = { session_id: row.session_id };
  const here = { createdAt: createdAtMs(row.created_at), seq: Number(row.seq) };
  // The nearest turn beyond `bound`: the one before (newest first) or after (oldest first).
  const neighbour = async (bound: RowBound) => {
    const dir = bound.older ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const [found] = await database().reads.rows<{ id: string }>(
      Prisma.sql`SELECT j.id FROM interactions j WHERE ${filterWhere(session, bound)} ORDER BY j.created_at ${dir}, j.seq ${dir} LIMIT 1`,
    );
    return found?.id ?? null;
  };
  const [[{ n: turns }], [{ n: before }], previous_id, next_id] = await Promise.all([
    database().reads.rows<{ n: number }>(countSql(session)),
    database().reads.rows<{ n: number }>(countSql(session, { older: here })),
    neighbour({ older: here }),
    neighbour({ newer: here }),
  ]);
  return { session_id: row.session_id, turn: before + 1, turns, previous_id, next_id };
}
