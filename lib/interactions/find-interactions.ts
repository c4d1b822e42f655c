import { prisma } from "@/lib/db/prisma";
import { encodeCursor } from "@/lib/interactions/cursor";
import { toInteractionRecord } from "@/lib/interactions/row";
import type { InteractionList, ListQuery } from "@/lib/interactions/schema";
import { interactionWhere, olderThan } from "@/lib/interactions/where";
import { searchInteractions } from "@/lib/search/search-interactions";

/** One page of interactions, newest first, with the cursor of the next page if any. */
export async function findInteractions(q: ListQuery): Promise<InteractionList> {
  if (q.limit <= 0) return { interactions: [], next_cursor: null };
  if (q.q) return searchInteractions({ ...q, q: q.q });
  const where = interactionWhere(q);
  const rows = await prisma().interaction.findMany({
    where: q.cursor ? { AND: [where, olderThan(q.cursor)] } : where,
    orderBy: [{ created_at: "desc" }, { seq: "desc" }],
    // One extra row tells whether another page exists without a count.
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    interactions: page.map(toInteractionRecord),
    next_cursor:
      rows.length > q.limit && last ? encodeCursor({ createdAt: last.created_at.getTime(), seq: last.seq }) : null,
  };
}
