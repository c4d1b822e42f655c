import { config } from "@/lib/config";
import { deferItemIndexDuringImport } from "@/lib/import/item-index-during-import";
import { parseImportRow } from "@/lib/import/parse-import-row";
import { writeBatch, type ImportRow } from "@/lib/import/write-batch";

/** One record read from a source: where it was (line or row number), its value and its size in bytes. */
export type SourceRecord = { line: number; value: unknown; bytes: number } | { line: number; error: string };

/** Why a record larger than one API request may be is not imported. */
export const overTheLimit = (maxBytes: number) => `larger than the limit of ${maxBytes} bytes (MAX_BODY_BYTES), as the API refuses it`;

export type Rejection = { line: number; reason: string };
export type ImportReport = { imported: number; already_present: number; rejected: Rejection[] };

// A few hundred rows per transaction: one fsync per batch instead of per row, while a
// batch still commits in milliseconds so a live server's captures barely wait. A batch also
// holds no more bytes than one API request may (MAX_BODY_BYTES), so records with large
// context packs go a few at a time and the import's memory stays bounded as the server's.
export const IMPORT_BATCH_ROWS = 300;

/**
 * Imports records from any source in batches, validating each as the API would. `onProgress`
 * is called after each batch with the number of records handled so far.
 */
export async function importRecords(
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>,
  onProgress: (handled: number) => void = () => {},
): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, already_present: 0, rejected: [] };
  const maxBytes = config().MAX_BODY_BYTES;
  let batch: { line: number; row: ImportRow }[] = [];
  let batchBytes = 0;
  let handled = 0;
  const indexCatchUp = await deferItemIndexDuringImport();

  const flush = async () => {
    (await writeBatch(batch.map((b) => b.row))).forEach((outcome, i) => {
      if ("reason" in outcome) report.rejected.push({ line: batch[i].line, reason: outcome.reason });
      else if (outcome.status === "created") report.imported++;
      else report.already_present++;
    });
    handled += batch.length;
    batch = [];
    batchBytes = 0;
    await indexCatchUp(false);
    onProgress(handled);
  };

  for await (const record of records) {
    const bytes = "bytes" in record ? record.bytes : 0;
    const parsed = "error" in record ? { reason: record.error } : bytes > maxBytes ? { reason: overTheLimit(maxBytes) } : parseImportRow(record.value);
    if ("reason" in parsed) {
      report.rejected.push({ line: record.line, reason: parsed.reason });
      handled++;
    } else {
      if (batch.length > 0 && batchBytes + bytes > maxBytes) await flush();
      batch.push({ line: record.line, row: parsed.row });
      batchBytes += bytes;
      if (batch.length >= IMPORT_BATCH_ROWS) await flush();
    }
  }
  if (batch.length > 0) await flush();
  await indexCatchUp(true);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
