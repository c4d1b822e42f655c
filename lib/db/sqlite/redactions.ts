import type { RedactionStore } from "@/lib/db/contract/redactions";
import { runWrite } from "@/lib/db/sqlite/write-thread";
import { errorFromWire } from "@/lib/errors";

/** Redactions on SQLite: one job of the write thread (lib/db/sqlite/redact-row.ts), answered once durable. */
export const sqliteRedactions: RedactionStore = {
  async redact(input) {
    const result = await runWrite("redact", input);
    if (!result.ok) throw errorFromWire(result.error);
    return result.value;
  },
};
