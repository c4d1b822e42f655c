import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam, sqlDialect } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/interactions/cursor";
import { filterConditions, keysetColumns, rowKeyColumns, type KeysetKey, type RowKey } from "@/lib/db/sql/filter-sql";
import { keysetCondition } from "@/lib/db/sql/keyset-sql";
import { interactionListStream } from "@/lib/interactions/list-stream";
import { interactionPreviews, type PreviewPage } from "@/lib/interactions/list-previews";
import { createdAtMs } from "@/lib/interactions/row";
import type { ListQuery } from "@/lib/interactions/schema";

export type ItemKind = "memory" | "chunk";

/** A key of a row (`columns`) with its use's time and seq, which the cursor holds. */
type UseKey = { use_at: Date | number; use_seq: number };

/**
 * The SQL of one page of an item's interactions (one row more than the page, to tell if more
 * exist): their keys, `columns` of `interactions j` (by default with the sizes a streamed page needs).
 */
export function itemInteractionsSql(
  kind: ItemKind,
  itemId: string,
  q: ListQuery,
  dialect: DatabaseKind = sqlDialect(),
  columns: Prisma.Sql = rowKeyColumns("j", dialect),
): Prisma.Sql {
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
    SELECT ${columns}, u.created_at AS use_at, u.interaction_seq AS use_seq
    FROM interaction_uses u JOIN interactions j ON j.seq = u.interaction_seq
    WHERE ${Prisma.join(conds, " AND ")}
    ORDER BY u.created_at DESC, u.interaction_seq DESC
    LIMIT ${q.limit + 1}`;
}

/**
 * The keys of one page of the interactions that used a memory or chunk, newest first. The range
 * and the order come from the (kind, item_id, created_at, interaction_seq) index of
 * interaction_uses (the time bounds and the cursor are on its columns, so they seek it);
 * project/client/session filters apply to the joined interaction. The same SQL on both
 * databases (plans: tests/unit/query-plans-postgres.test.ts).
 * An id nobody used is simply an empty list: item ids belong to the memory system, not to us.
 */
async function findItemKeys<Key>(kind: ItemKind, itemId: string, q: ListQuery, columns?: Prisma.Sql): Promise<{ keys: (Key & UseKey)[]; next_cursor: string | null }> {
  if (q.limit <= 0) return { keys: [], next_cursor: null };
  const rows = await database().reads.rows<Key & UseKey>(itemInteractionsSql(kind, itemId, q, undefined, columns));
  const keys = rows.slice(0, q.limit);
  const last = keys.at(-1);
  return { keys, next_cursor: rows.length > q.limit && last ? encodeCursor({ createdAt: createdAtMs(last.use_at), seq: Number(last.use_seq) }) : null };
}

/** One page of an item's interactions as its page shows them (previews, no packs). */
export async function findItemInteractionPage(kind: ItemKind, itemId: string, q: ListQuery): Promise<PreviewPage> {
  const { keys, next_cursor } = await findItemKeys<KeysetKey>(kind, itemId, q, keysetColumns("j"));
  return { interactions: await interactionPreviews(keys), next_cursor };
}

/** One page of an item's interactions as the JSON text of an InteractionList, streamed (interactionListStream). */
export async function findItemInteractions(kind: ItemKind, itemId: string, q: ListQuery): Promise<ReadableStream<Uint8Array>> {
  const { keys, next_cursor } = await findItemKeys<RowKey>(kind, itemId, q);
  return interactionListStream(keys, next_cursor, { read: "item_interactions", kind });
}
