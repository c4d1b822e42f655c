import { database } from "@/lib/db";
import type { RowKey } from "@/lib/db/sql/filter-sql";
import { bySize } from "@/lib/export/iterate-interactions";
import { partsStream } from "@/lib/export/parts-stream";
import { Prisma } from "@/lib/generated/prisma/client";
import { inSeqOrder } from "@/lib/interactions/row";
import { recordJsonColumns, recordJsonParts, type SpliceRow } from "@/lib/interactions/record-json";
import { nextStep } from "@/lib/render-steps";

/**
 * The JSON text of an InteractionList: the interactions of `keys`, in that order, each with its
 * current review verdict, then `nextCursor`. A page may hold 500 rows and a row a pack of
 * 16 MB, so the rows are read in runs of a few MB (bySize, as the export reads them) and
 * written out, packs as stored, before the next run is read: one run is ever in memory.
 */
export function interactionListStream(keys: readonly Pick<RowKey, "seq" | "size">[], nextCursor: string | null, what: Record<string, string>) {
  async function* parts(): AsyncGenerator<string | Uint8Array> {
    yield '{"interactions":[';
    let first = true;
    for (const seqs of bySize(keys)) {
      const rows = await database().reads.rows<SpliceRow>(
        Prisma.sql`SELECT ${recordJsonColumns()} FROM interactions j WHERE j.seq IN (${Prisma.join(seqs)})`,
      );
      const verdicts = await database().reviews.currentVerdicts("interaction", rows.map((r) => r.id));
      // A row removed since its key was read (retention) is left out. One part per run.
      const parts: Uint8Array[] = [];
      for (const row of inSeqOrder(rows, seqs)) {
        parts.push(...(await recordJsonParts(row, { review: verdicts.get(row.id) ?? null }, first ? "" : ",")));
        first = false;
      }
      yield Buffer.concat(parts);
      await nextStep();
    }
    yield `],"next_cursor":${JSON.stringify(nextCursor)}}`;
  }
  return partsStream(parts(), what);
}
