import { database } from "@/lib/db";
import { log } from "@/lib/log";

/** Interactions per batch: one transaction, one `retired` link, bounded memory and lock time. */
export const RETIRE_BATCH = 500;

/**
 * Retires every interaction created before `before` (epoch ms), oldest first, one batch per
 * transaction, and logs each batch (ids and counts, no text); returns how many were retired.
 */
export async function retireBefore(before: number, batch = RETIRE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const retired = await database().retention.retireBatch(before, batch);
    if (!retired) return total;
    const { retirement, count, reviews, first_seq, last_seq } = retired;
    log.info("interactions_retired", { retirement, count, reviews, first_seq, last_seq, before: new Date(before).toISOString() });
    total += count;
    if (count < batch) return total;
  }
}
