import type { ExportFormat } from "@/lib/export/export-interactions";
import { interactionExportParts } from "@/lib/export/interaction-export-parts";
import type { InteractionFilters } from "@/lib/interactions/schema";
import type { SessionSummary } from "@/lib/sessions/schema";
import { sessionExportParts, type SessionExportFormat } from "@/lib/sessions/session-export-parts";

/** An export to make, as plain data (it crosses to the export thread): a session's or a filtered list's. */
export type ExportJob =
  | { kind: "session"; session: SessionSummary; format: SessionExportFormat }
  | { kind: "interactions"; filters: InteractionFilters; format: ExportFormat };

/** The export's text, part by part. */
export function exportParts(job: ExportJob): AsyncGenerator<string> {
  return job.kind === "session" ? sessionExportParts(job.session, job.format) : interactionExportParts(job.format, job.filters);
}
