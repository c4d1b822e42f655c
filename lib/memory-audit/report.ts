import { database } from "@/lib/db";
import { csvCell } from "@/lib/export/csv";
import { log } from "@/lib/log";
import type { ItemKind, ReportKind, ReportQuery, ReportRow } from "@/lib/memory-audit/schema";

// The noise and gap reports: "offered at least N times, never used" and "used but never offered",
// as a page's first rows or as a streamed CSV / JSONL download read in keyset batches.

const BATCH = 500;
const COLUMNS = ["id", "offered", "used", "use_rate", "used_unoffered", "first_seen", "last_seen", "versions"] as const satisfies readonly (keyof ReportRow)[];

/** The report's rows in item-id order, one batch at a time as the caller pulls. */
export async function* reportRows(kind: ItemKind, report: ReportKind, minOffered: number): AsyncGenerator<ReportRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await database().memoryAudit.reportBatch(kind, report, minOffered, after, BATCH);
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

/** The first rows of a report, for a page. */
export function reportPreview(kind: ItemKind, report: ReportKind, minOffered: number, limit: number): Promise<ReportRow[]> {
  return database().memoryAudit.reportBatch(kind, report, minOffered, null, limit);
}

export function reportCsvLine(r: ReportRow): string {
  return COLUMNS.map((c) => csvCell(r[c] === null ? "" : String(r[c]))).join(",") + "\r\n";
}

/** The download: headers and a stream that reads the next batch only when the reader wants more. */
export function reportResponse(kind: ItemKind, q: ReportQuery): Response {
  const encoder = new TextEncoder();
  const batches = reportRows(kind, q.kind, q.min_offered);
  const line = q.format === "csv" ? reportCsvLine : (r: ReportRow) => JSON.stringify(r) + "\n";
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (q.format === "csv") controller.enqueue(encoder.encode(COLUMNS.join(",") + "\r\n"));
      },
      async pull(controller) {
        try {
          const next = await batches.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value.map(line).join("")));
        } catch (err) {
          log.error("item_report_failed", { kind, report: q.kind, error: err instanceof Error ? err.message : String(err) });
          controller.error(err);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  const plural = kind === "memory" ? "memories" : "chunks";
  return new Response(stream, {
    headers: {
      "content-type": q.format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="atocore-audit-${plural}-${q.kind}.${q.format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
