import { decodeCursor, type Cursor } from "@/lib/interactions/cursor";
import { findRecordPage } from "@/lib/interactions/find-interactions";
import type { InteractionFilters, InteractionRecord } from "@/lib/interactions/schema";

// Rows per keyset batch: each holds its rows parsed, packs included (tens of KB each, a few MB
// now and then), and several exports run at once on the export thread's bounded heap.
export const EXPORT_BATCH_ROWS = 32;

/**
 * Every interaction record (the capture as GET /api/interactions/{id} answers it, without the
 * list's review verdict) matching the filters (full-text `q` included), newest first, read as
 * the list reads its pages, in keyset batches of `batchRows`: only one batch is ever in
 * memory, however many rows match, and rows that arrive during the export never shift a
 * batch boundary.
 */
export async function* iterateInteractions(
  filters: InteractionFilters,
  batchRows = EXPORT_BATCH_ROWS,
): AsyncGenerator<InteractionRecord[]> {
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await findRecordPage({ ...filters, limit: batchRows, cursor });
    if (page.interactions.length > 0) yield page.interactions;
    if (!page.next_cursor) return;
    cursor = decodeCursor(page.next_cursor) ?? undefined;
  }
}
