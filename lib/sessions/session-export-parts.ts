import type { SessionSummary } from "@/lib/sessions/schema";
import { sessionMarkdownHeader, turnMarkdown } from "@/lib/sessions/session-markdown";
import { sessionTurnsWithDiff } from "@/lib/sessions/session-turn-views";

export type SessionExportFormat = "md" | "json";

const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);

// The JSON export is one object { session, turns }, written a turn at a time; each turn is
// its record with the pack and the pack's diff with the previous turn, on a line of its own.
// Turns are not pretty-printed: indenting tens of KB of pack per turn doubled the export's
// size and CPU (a 1,000-turn session of 40 KB packs: 104 MB), and a line per turn reads
// well enough in an editor, in grep and in jq.
async function* jsonParts(session: SessionSummary): AsyncGenerator<string> {
  yield `{\n  "session": ${indent(JSON.stringify(session, null, 2), "  ")},\n  "turns": [`;
  let first = true;
  for await (const { turn, pack_diff } of sessionTurnsWithDiff(session.session_id)) {
    yield `${first ? "" : ","}\n    ${JSON.stringify({ ...turn, pack_diff })}`;
    first = false;
  }
  yield `${first ? "" : "\n  "}]\n}\n`;
}

async function* markdownParts(session: SessionSummary): AsyncGenerator<string> {
  yield sessionMarkdownHeader(session);
  for await (const { turn, previous_at, pack_diff } of sessionTurnsWithDiff(session.session_id)) {
    yield `\n\n${turnMarkdown(turn, previous_at, pack_diff)}`;
  }
  yield "\n";
}

/** A session's export as text parts, a turn at a time: a Markdown transcript, or JSON of the summary and the turns. */
export function sessionExportParts(session: SessionSummary, format: SessionExportFormat): AsyncGenerator<string> {
  return format === "md" ? markdownParts(session) : jsonParts(session);
}
