import type { InteractionStore } from "@/lib/db/contract/interactions";
import { runWrite } from "@/lib/db/sqlite/write-thread";
import { toRecordOutcomes } from "@/lib/db/sqlite/store";
import { errorFromWire } from "@/lib/errors";
import { notStored } from "@/lib/interactions/capture-outcome";
import { completionNotStored } from "@/lib/interactions/completion-plan";

/**
 * Captures and completions on SQLite: each is one job of the write thread (write-thread.ts),
 * answered once its transaction is durable.
 */
export const sqliteInteractions: InteractionStore = {
  async store(rows) {
    const result = await runWrite("store", rows);
    if (!result.ok) throw notStored(errorFromWire(result.error), rows.length);
    return toRecordOutcomes(rows, result.value);
  },
  async complete(id, input, secrets) {
    const result = await runWrite("complete", { id, input, secrets });
    if (!result.ok) throw completionNotStored(errorFromWire(result.error));
    return result.value;
  },
};
