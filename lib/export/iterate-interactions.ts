import { prisma } from "@/lib/db/prisma";
import { toInteractionRecord } from "@/lib/interactions/row";
import type { InteractionFilters, InteractionRecord } from "@/lib/interactions/schema";
import { interactionWhere, olderThan } from "@/lib/interactions/where";

export const EXPORT_BATCH_ROWS = 500;

/**
 * Every interaction matching the filters, newest first, read in keyset batches of
 * `batchRows`: only one batch is ever in memory, however many rows match, and rows that
 * arrive during the export never shift a batch boundary.
 */
export async function* iterateInteractions(
  filters: InteractionFilters,
  batchRows = EXPORT_BATCH_ROWS,
): AsyncGenerator<InteractionRecord[]> {
  const where = interactionWhere(filters);
  let after: { createdAt: number; seq: number } | undefined;
  for (;;) {
    const rows = await prisma().interaction.findMany({
      where: after ? { AND: [where, olderThan(after)] } : where,
      orderBy: [{ created_at: "desc" }, { seq: "desc" }],
      take: batchRows,
    });
    if (rows.length === 0) return;
    yield rows.map(toInteractionRecord);
    if (rows.length < batchRows) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.created_at.getTime(), seq: last.seq };
  }
}
