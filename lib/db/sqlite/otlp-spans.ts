import type { OtlpSpanStore } from "@/lib/db/contract/otlp-spans";
import { readRows } from "@/lib/db/sqlite/reader";
import { runWrite } from "@/lib/db/sqlite/write-thread";
import { otlpSpanReads } from "@/lib/db/sql/otlp-spans-sql";
import { errorFromWire } from "@/lib/errors";

/** The kept OTLP spans on SQLite: a keep is one job of the write thread (lib/db/sqlite/keep-spans.ts). */
export const sqliteOtlpSpans: OtlpSpanStore = {
  ...otlpSpanReads(readRows),
  async keep(spans, now, forgetBefore) {
    const result = await runWrite("keepSpans", { spans: [...spans], now, forgetBefore });
    if (!result.ok) throw errorFromWire(result.error);
  },
};
