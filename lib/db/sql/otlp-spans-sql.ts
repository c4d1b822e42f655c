import type { DatabaseKind } from "@/lib/db/database-kind";
import type { Reads } from "@/lib/db/contract/reads";
import type { KeptSpan, KeptSpanItems, KeptSpanShape, OtlpSpanStore } from "@/lib/db/contract/otlp-spans";
import { instantParam } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";

// The kept OTLP spans (lib/db/contract/otlp-spans.ts), written once for both databases: the
// statements of a keep (each writer runs them in its transaction) and the two reads.

// Rows per INSERT: 7 parameters each stays far below either database's limit.
const ROWS_PER_INSERT = 500;

/** The statements that keep `spans` and forget what was received before `forgetBefore`. */
export function* keepSpansSteps(dialect: DatabaseKind, spans: readonly KeptSpan[], now: number, forgetBefore: number): Generator<Prisma.Sql, void, unknown[]> {
  yield Prisma.sql`DELETE FROM otlp_spans WHERE received_at < ${instantParam(forgetBefore, dialect)}`;
  for (let from = 0; from < spans.length; from += ROWS_PER_INSERT) {
    const rows = spans.slice(from, from + ROWS_PER_INSERT).map(
      (s) => Prisma.sql`(${s.trace_id}, ${s.span_id}, ${s.parent_span_id}, ${s.start_ns}, ${s.memories}, ${s.chunks}, ${instantParam(now, dialect)})`,
    );
    yield Prisma.sql`INSERT INTO otlp_spans (trace_id, span_id, parent_span_id, start_ns, memories, chunks, received_at)
      VALUES ${Prisma.join(rows)} ON CONFLICT (trace_id, span_id) DO NOTHING`;
  }
}

/** The reads of the kept spans on a database's read mechanism; `keep` is the writer's. */
export function otlpSpanReads(readRows: Reads["rows"]): Omit<OtlpSpanStore, "keep"> {
  return {
    async shapes(traceIds, limit) {
      if (traceIds.length === 0) return [];
      return readRows<KeptSpanShape>(Prisma.sql`SELECT trace_id, span_id, parent_span_id, start_ns FROM otlp_spans
        WHERE trace_id IN (${Prisma.join(traceIds)}) LIMIT ${limit}`);
    },
    async items(keys) {
      if (keys.length === 0) return [];
      const wanted = keys.map((k) => Prisma.sql`(trace_id = ${k.trace_id} AND span_id = ${k.span_id})`);
      return readRows<KeptSpanItems>(Prisma.sql`SELECT trace_id, span_id, memories, chunks FROM otlp_spans WHERE ${Prisma.join(wanted, " OR ")}`);
    },
  };
}
