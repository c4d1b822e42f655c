import type { OtlpSpanStore } from "@/lib/db/contract/otlp-spans";
import { pgPool } from "@/lib/db/postgres/pool";
import { readRows } from "@/lib/db/postgres/reader";
import { runSteps } from "@/lib/db/postgres/run-steps";
import { keepSpansSteps, otlpSpanReads } from "@/lib/db/sql/otlp-spans-sql";

/**
 * The kept OTLP spans on PostgreSQL. A keep's statements run on the pool, each on its own,
 * outside the write lock: the rows are no part of the chain, forgetting and inserting-if-absent
 * are each complete alone, and two servers keeping the same span both succeed.
 */
export const postgresOtlpSpans: OtlpSpanStore = {
  ...otlpSpanReads(readRows),
  keep: (spans, now, forgetBefore) => runSteps(pgPool(), keepSpansSteps("postgres", spans, now, forgetBefore)),
};
