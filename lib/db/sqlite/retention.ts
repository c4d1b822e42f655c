import type { RetentionStore } from "@/lib/db/contract/retention";
import { runWrite } from "@/lib/db/sqlite/write-thread";
import { errorFromWire } from "@/lib/errors";

/** Retention on SQLite: each batch one job of the write thread (lib/db/sqlite/retire-batch.ts), answered once durable. */
export const sqliteRetention: RetentionStore = {
  async retireBatch(before, limit) {
    const result = await runWrite("retire", { before, limit });
    if (!result.ok) throw errorFromWire(result.error);
    return result.value;
  },
};
