import { getSessionTranscript } from "@/lib/sessions/get-session-transcript";
import { sessionMarkdown } from "@/lib/sessions/session-markdown";

export type SessionExport = { body: string; contentType: string; filename: string };

/** The session as a download: a Markdown transcript, or JSON of the summary and the raw turns. */
export async function exportSession(sessionId: string, format: "md" | "json"): Promise<SessionExport> {
  const { session, turns } = await getSessionTranscript(sessionId);
  const base = `session-${sessionId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100)}`;
  return format === "md"
    ? { body: sessionMarkdown(session, turns), contentType: "text/markdown; charset=utf-8", filename: `${base}.md` }
    : {
        body: `${JSON.stringify({ session, turns }, null, 2)}\n`,
        contentType: "application/json; charset=utf-8",
        filename: `${base}.json`,
      };
}
