import { prisma } from "@/lib/db/prisma";
import { readRows } from "@/lib/db/sqlite/reader";
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
  const row = await prisma().interaction.findUnique({ where: { id: storedId(id) }, select: { seq: true, created_at: true, session_id: true } });
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  if (!row.session_id) return null;
  const session = { session_id: row.session_id };
  const here = { createdAt: createdAtMs(row.created_at), seq: row.seq };
  // The nearest turn beyond `bound`: the one before (newest first) or after (oldest first).
  const neighbour = async (bound: RowBound) => {
    const dir = bound.older ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const [found] = await readRows<{ id: string }>(
      Prisma.sql`SELECT j.id FROM interactions j WHERE ${filterWhere(session, bound)} ORDER BY j.created_at ${dir}, j.seq ${dir} LIMIT 1`,
    );
    return found?.id ?? null;
  };
  const [[{ n: turns }], [{ n: before }], previous_id, next_id] = await Promise.all([
    readRows<{ n: number }>(countSql(session)),
    readRows<{ n: number }>(countSql(session, { older: here })),
    neighbour({ older: here }),
    neighbour({ newer: here }),
  ]);
  return { session_id: row.session_id, turn: before + 1, turns, previous_id, next_id };
}
