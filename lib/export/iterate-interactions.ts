import { database } from "@/lib/db";
import { sqlDialect } from "@/lib/db/dialect";
import { interactionColumns, pageRowsSql, rowKeyColumns, type RowBound, type RowKey } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionFilters, InteractionRecord } from "@/lib/interactions/schema";
import { searchRowsSql } from "@/lib/search/search-interactions";

// Rows per keyset batch, and the text they may hold: a batch is held parsed, packs included
// (tens of KB each, a few MB now and then), and several exports run at once on the export
// thread's bounded heap. A run of multi-MB packs goes a few rows at a time; a row larger than
// the bound goes alone.
export const EXPORT_BATCH_ROWS = 32;
const EXPORT_BATCH_SIZE = 2 * 1024 * 1024;

/**
 * Every interaction record (the capture as GET /api/interactions/{id} answers it, without the
 * list's review verdict) matching the filters (full-text `q` included), newest first. The keys
 * and sizes of the next `batchRows` matches are read first, then their rows in batches of at
 * most EXPORT_BATCH_SIZE of text: only one batch is ever in memory, however many rows match
 * and however large, and rows that arrive during the export never shift a batch boundary.
 */
export async function* iterateInteractions(
  filters: InteractionFilters,
  batchRows = EXPORT_BATCH_ROWS,
): AsyncGenerator<InteractionRecord[]> {
  const dialect = sqlDialect();
  const { q, ...rest } = filters;
  const columns = rowKeyColumns(q ? "i" : "j", dialect);
  let bound: RowBound = {};
  for (;;) {
    const keys = await database().reads.rows<RowKey>(
      q ? searchRowsSql({ ...rest, q }, bound, batchRows, dialect, columns) : pageRowsSql(rest, bound, batchRows, dialect, "newest", columns),
    );
    for (const seqs of bySize(keys)) yield await recordsOf(seqs);
    if (keys.length < batchRows) return;
    const last = keys.at(-1)!;
    bound = { older: { createdAt: createdAtMs(last.created_at), seq: Number(last.seq) } };
  }
}

/** The keys' seqs in consecutive runs of at most EXPORT_BATCH_SIZE bytes (at least one row each). */
export function* bySize(keys: readonly Pick<RowKey, "seq" | "size">[]): Generator<number[]> {
  let run: number[] = [];
  let size = 0;
  for (const key of keys) {
    if (run.length > 0 && size + Number(key.size) > EXPORT_BATCH_SIZE) {
      yield run;
      run = [];
      size = 0;
    }
    run.push(Number(key.seq));
    size += Number(key.size);
  }
  if (run.length > 0) yield run;
}

/** The rows with these seqs, newest first; one removed meanwhile (retention) is left out. */
async function recordsOf(seqs: number[]): Promise<InteractionRecord[]> {
  const rows = await database().reads.rows<InteractionRow>(Prisma.sql`
    SELECT ${interactionColumns("i")} FROM interactions i WHERE i.seq IN (${Prisma.join(seqs)})
    ORDER BY i.created_at DESC, i.seq DESC`);
  return rows.map(toInteractionRecord);
}
