import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/interactions/cursor";
import { toInteractionRecord } from "@/lib/interactions/row";
import type { InteractionList, ListQuery } from "@/lib/interactions/schema";
import { interactionWhere } from "@/lib/interactions/where";

export type ItemKind = "memory" | "chunk";

/**
 * One page of the interactions that used a memory or chunk, newest first. The range and
 * the order come from the (kind, item_id, created_at, interaction_seq) index of
 * interaction_uses; project/client/session filters apply to the joined interaction.
 * An id nobody used is simply an empty list: item ids belong to the memory system, not to us.
 */
export async function findItemInteractions(kind: ItemKind, itemId: string, q: ListQuery): Promise<InteractionList> {
  if (q.limit <= 0) return { interactions: [], next_cursor: null };
  const createdAt: Prisma.DateTimeFilter = {};
  if (q.since !== undefined) createdAt.gte = new Date(q.since);
  if (q.until !== undefined) createdAt.lt = new Date(q.until);
  const and: Prisma.InteractionUseWhereInput[] = [
    { kind, item_id: itemId, interaction: interactionWhere({ project: q.project, client: q.client, session_id: q.session_id }) },
  ];
  if (Object.keys(createdAt).length > 0) and.push({ created_at: createdAt });
  if (q.cursor) {
    const t = new Date(q.cursor.createdAt);
    and.push({ created_at: { lte: t } }, { OR: [{ created_at: { lt: t } }, { interaction_seq: { lt: q.cursor.seq } }] });
  }
  const uses = await prisma().interactionUse.findMany({
    where: { AND: and },
    orderBy: [{ created_at: "desc" }, { interaction_seq: "desc" }],
    take: q.limit + 1,
    include: { interaction: true },
  });
  const page = uses.slice(0, q.limit);
  const last = page.at(-1);
  return {
    interactions: page.map((u) => toInteractionRecord(u.interaction)),
    next_cursor:
      uses.length > q.limit && last ? encodeCursor({ createdAt: last.created_at.getTime(), seq: last.interaction_seq }) : null,
  };
}
