import type { OtlpSpanStore } from "@/lib/db/contract/otlp-spans";
import { pgPool } from "@/lib/db/postgres/pool";
import { readRows } from "@/lib/db/postgres/reader";
import { runSteps } from "@/lib/db/postgres/run-steps";
import { keepSpansSteps, otlpSpanReads } from "@/lib/db/sql/otlp-spans-sql";

/**
 * The kept OTLP spans on PostgreSQL. A keep is its own short transaction, outside the write
 * lock: the rows are no part of the chain, and two servers keeping the same span both succeed.
 */
export const postgresOtlpSpans: OtlpSpanStore = {
  ...otlpSpanReads(readRows),
  async keep(spans, now, forgetBefore) {
    const client = await pgPool().connect();
    try {
      await client.query("BEGIN");
      await runSteps(client, keepSpansSteps("postgres", spans, now, forgetBefore));
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  },
};
