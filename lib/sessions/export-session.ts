import { getSessionSummary } from "@/lib/sessions/get-session-summary";
import { exportPartsOffThread } from "@/lib/export/export-thread";
import { partsStream } from "@/lib/export/parts-stream";
import type { SessionExportFormat } from "@/lib/sessions/session-export-parts";

export type SessionExport = { body: ReadableStream<Uint8Array>; contentType: string; filename: string };

/** The session as a download: a Markdown transcript, or JSON of the summary and the turns. NotFoundError before any byte when it has no turns. */
export async function exportSession(sessionId: string, format: SessionExportFormat): Promise<SessionExport> {
  const session = await getSessionSummary(sessionId);
  const base = `session-${sessionId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100)}`;
  const body = partsStream(exportPartsOffThread({ kind: "session", session, format }), { export: "session", format });
  return format === "md"
    ? { body, contentType: "text/markdown; charset=utf-8", filename: `${base}.md` }
    : { body, contentType: "application/json; charset=utf-8", filename: `${base}.json` };
}
