import { csvHeader, csvRow } from "@/lib/export/csv";
import { iterateInteractions } from "@/lib/export/iterate-interactions";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { log } from "@/lib/log";

export const EXPORT_FORMATS = ["jsonl", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPE: Record<ExportFormat, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
};

/** A download name that says what and when: atocore-audit-<project>-20261125T140307Z.jsonl */
export function exportFileName(format: ExportFormat, filters: InteractionFilters, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const scope = (filters.project ?? "").replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
  return `atocore-audit-${scope ? `${scope}-` : ""}${stamp}.${format}`;
}

/**
 * The export as a byte stream. Each pull() reads the next keyset batch only when the
 * reader wants more, so a slow download holds one batch in memory, never the result set.
 */
export function exportStream(format: ExportFormat, filters: InteractionFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateInteractions(filters);
  const line = format === "csv" ? csvRow : (r: object) => JSON.stringify(r) + "\n";
  let rows = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === "csv") controller.enqueue(encoder.encode(csvHeader()));
      },
      async pull(controller) {
        try {
          const next = await batches.next();
          if (next.done) {
            log.info("interactions_exported", { format, rows });
            controller.close();
            return;
          }
          rows += next.value.length;
          controller.enqueue(encoder.encode(next.value.map(line).join("")));
        } catch (err) {
          // The status line is already sent: all we can do is cut the download short.
          log.error("export_failed", { format, rows, error: err instanceof Error ? err.message : String(err) });
          controller.error(err);
        }
      },
      async cancel() {
        log.info("export_cancelled", { format, rows });
        await batches.return(undefined);
      },
    },
    // One batch queued ahead at most: the next read starts only once this one is taken.
    { highWaterMark: 1 },
  );
}

export function exportHeaders(format: ExportFormat, filters: InteractionFilters): HeadersInit {
  return {
    "content-type": CONTENT_TYPE[format],
    "content-disposition": `attachment; filename="${exportFileName(format, filters)}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
