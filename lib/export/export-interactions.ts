import { exportPartsOffThread } from "@/lib/export/export-thread";
import { partsStream } from "@/lib/export/parts-stream";
import type { InteractionFilters } from "@/lib/interactions/schema";

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

/** The export as a byte stream (parts made off the event loop in the server, lib/export/export-thread.ts). */
export function exportStream(format: ExportFormat, filters: InteractionFilters): ReadableStream<Uint8Array> {
  return partsStream(exportPartsOffThread({ kind: "interactions", filters, format }), { export: "interactions", format });
}

export function exportHeaders(format: ExportFormat, filters: InteractionFilters): HeadersInit {
  return {
    "content-type": CONTENT_TYPE[format],
    "content-disposition": `attachment; filename="${exportFileName(format, filters)}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
