import type { DatabaseKind } from "@/lib/db/database-kind";
import { withVerdicts } from "@/lib/reviews/with-verdicts";
import { instantParam, sqlDialect } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/interactions/cursor";
import { filterConditions, interactionColumns } from "@/lib/db/sql/filter-sql";
import { keysetCondition } from "@/lib/db/sql/keyset-sql";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionList, ListQuery } from "@/lib/interactions/schema";

export type ItemKind = "memory" | "chunk";

type UseRow = InteractionRow & { use_at: Date | number; use_seq: number };

/** The SQL of one page of an item's interactions (one row more than the page, to tell if more exist). */
export function itemInteractionsSql(kind: ItemKind, itemId: string, q: ListQuery, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  const at = (ms: number) => instantParam(ms, dialect);
  const conds = [
    Prisma.sql`u.kind = ${kind}`,
    Prisma.sql`u.item_id = ${itemId}`,
    ...filterConditions({ project: q.project, client: q.client, session_id: q.session_id }, {}, dialect),
  ];
  if (q.since !== undefined) conds.push(Prisma.sql`u.created_at >= ${at(q.since)}`);
  if (q.until !== undefined) conds.push(Prisma.sql`u.created_at < ${at(q.until)}`);
  if (q.cursor) conds.push(keysetCondition({ at: Prisma.raw("u.created_at"), seq: Prisma.raw("u.interaction_seq") }, q.cursor, "older", dialect));
  return Prisma.sql`
    SELECT ${interactionColumns("j")}, u.created_at AS use_at, u.interaction_seq AS use_seq
    FROM interaction_uses u JOIN interactions j ON j.seq = u.interaction_seq
    WHERE ${Prisma.join(conds, " AND ")}
    ORDER BY u.created_at DESC, u.interaction_seq DESC
    LIMIT ${q.limit + 1}`;
}

/**
 * One page of the interactions that used a memory or chunk, newest first. The range and
 * the order come from the (kind, item_id, created_at, interaction_seq) index of
 * interaction_uses (the time bounds and the cursor are on its columns, so they seek it);
 * project/client/session filters apply to the joined interaction. The same SQL on both
 * databases (plans: tests/unit/query-plans-postgres.test.ts).
 * An id nobody used is simply an empty list: item ids belong to the memory system, not to us.
 */
export async function findItemInteractions(kind: ItemKind, itemId: string, q: ListQuery): Promise<InteractionList> {
  if (q.limit <= 0) return { interactions: [], next_cursor: null };
  const rows = await database().reads.rows<UseRow>(itemInteractionsSql(kind, itemId, q));
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    interactions: await withVerdicts("interaction", page.map(toInteractionRecord), (r) => r.id),
    next_cursor: rows.length > q.limit && last ? encodeCursor({ createdAt: createdAtMs(last.use_at), seq: Number(last.use_seq) }) : null,
  };
}
