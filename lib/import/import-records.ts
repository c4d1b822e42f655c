import { parseImportRow } from "@/lib/import/parse-import-row";
import { writeBatch, type ImportRow } from "@/lib/import/write-batch";

/** One record read from a source: where it was (line or row number) and its value. */
export type SourceRecord = { line: number; value: unknown } | { line: number; error: string };

export type Rejection = { line: number; reason: string };
export type ImportReport = { imported: number; already_present: number; rejected: Rejection[] };

// A few hundred rows per transaction: one fsync per batch instead of per row, while a
// batch still commits in milliseconds so a live server's captures barely wait.
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
  let batch: { line: number; row: ImportRow }[] = [];
  let handled = 0;

  const flush = async () => {
    (await writeBatch(batch.map((b) => b.row))).forEach((outcome, i) => {
      if ("reason" in outcome) report.rejected.push({ line: batch[i].line, reason: outcome.reason });
      else if (outcome.status === "created") report.imported++;
      else report.already_present++;
    });
    handled += batch.length;
    batch = [];
    onProgress(handled);
  };

  for await (const record of records) {
    const parsed = "error" in record ? { reason: record.error } : parseImportRow(record.value);
    if ("reason" in parsed) {
      report.rejected.push({ line: record.line, reason: parsed.reason });
      handled++;
    } else {
      batch.push({ line: record.line, row: parsed.row });
      if (batch.length >= IMPORT_BATCH_ROWS) await flush();
    }
  }
  if (batch.length > 0) await flush();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
