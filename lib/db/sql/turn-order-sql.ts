import type { DatabaseKind } from "@/lib/db/database-kind";
import { sqlDialect } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { keysetCondition } from "@/lib/db/sql/keyset-sql";
import { createdAtMs } from "@/lib/interactions/row";

// A session's turns in the order they happened: the time the client reported (occurred_at),
// else the time they arrived (created_at), then capture order. A turn spooled while the server
// was down thus sits where it happened, not where it arrived. Every session read (a window, the
// turn numbers, a turn's neighbours, the pack diff's previous turn) orders with this, and the
// expression is spelled as the index interactions_session_id_turn_at_seq_idx spells it, so each
// read is a walk of that index. Lists (interactions, sessions) keep created_at order.

const TURN_AT = Prisma.raw("COALESCE(j.occurred_at, j.created_at)");
const KEYSET = { at: TURN_AT, seq: Prisma.raw("j.seq") };

/** A turn's place in its session's order: its turn time (ms) and seq, as a keyset cursor. */
export type TurnCursor = Cursor;

/** The turn bound of a row read with its columns (occurred_at, created_at, seq). */
export function turnCursorOf(row: { occurred_at?: Date | number | bigint | null; created_at: Date | number | bigint; seq: number | bigint }): TurnCursor {
  return { createdAt: createdAtMs(row.occurred_at ?? row.created_at), seq: Number(row.seq) };
}

type Bound = { before?: TurnCursor; after?: TurnCursor };

function turnWhere(sessionId: string, bound: Bound, dialect: DatabaseKind): Prisma.Sql {
  const conds = [Prisma.sql`j.session_id = ${sessionId}`];
  if (bound.before) conds.push(keysetCondition(KEYSET, bound.before, "older", dialect));
  if (bound.after) conds.push(keysetCondition(KEYSET, bound.after, "newer", dialect));
  return Prisma.join(conds, " AND ");
}

/** Up to `take` turns after `after` (from the first without it), in turn order: their `columns` (of `interactions j`). */
export function turnRowsSql(
  sessionId: string,
  after: TurnCursor | undefined,
  take: number,
  dialect: DatabaseKind = sqlDialect(),
  columns: Prisma.Sql = interactionColumns("j"),
): Prisma.Sql {
  return Prisma.sql`SELECT ${columns} FROM interactions j WHERE ${turnWhere(sessionId, { after }, dialect)}
    ORDER BY ${TURN_AT} ASC, j.seq ASC LIMIT ${take}`;
}

/** The bound of the turn `offset` turns after the first (its occurred_at, created_at and seq). */
export function turnAtOffsetSql(sessionId: string, offset: number, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  return Prisma.sql`SELECT j.occurred_at, j.created_at, j.seq FROM interactions j WHERE ${turnWhere(sessionId, {}, dialect)}
    ORDER BY ${TURN_AT} ASC, j.seq ASC LIMIT 1 OFFSET ${offset}`;
}

/** How many turns come strictly before `before` (all turns without it). */
export function turnCountSql(sessionId: string, before?: TurnCursor, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  return Prisma.sql`SELECT count(*) AS n FROM interactions j WHERE ${turnWhere(sessionId, { before }, dialect)}`;
}

/** The id of the turn just before (`side` "before") or just after a turn. */
export function neighbourTurnSql(sessionId: string, here: TurnCursor, side: "before" | "after", dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  const dir = side === "before" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return Prisma.sql`SELECT j.id FROM interactions j WHERE ${turnWhere(sessionId, { [side]: here }, dialect)}
    ORDER BY ${TURN_AT} ${dir}, j.seq ${dir} LIMIT 1`;
}
