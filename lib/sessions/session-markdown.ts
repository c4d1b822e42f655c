import { durationLabel } from "@/lib/format-time";
import { arrivedLateMs, turnTime } from "@/lib/sessions/turn-time";
import type { PackDiff, PackDiffItem, SessionSummary, SessionTurn } from "@/lib/sessions/schema";

// A readable transcript, written a turn at a time. User text goes inside code fences longer
// than any backtick run it contains, so nothing in a prompt can become Markdown structure (or
// HTML) in a renderer.
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

const inline = (text: string) => text.replace(/\s+/g, " ").replace(/[\\`*_[\]<>|]/g, "\\$&");
const list = (values: string[]) => (values.length ? values.map((v) => inline(v || "(none)")).join(", ") : "(none)");
const LABEL = { memory: "Memory", chunk: "Chunk", item: "Item" } as const;

function diffLines(item: PackDiffItem): string[] {
  const label = LABEL[item.kind];
  const id = `\`${item.id.replace(/`/g, "'")}\``;
  const text = item.text ? ` — ${inline(item.text)}` : "";
  if (item.change === "entered") return [`- ${label} entered: ${id}${text} (${item.mark})`];
  if (item.change === "left") return [`- ${label} left: ${id}${text} (was ${item.mark})`];
  return [
    ...(item.text_changed ? [`- ${label} text changed: ${id}${text} (was: ${inline(item.previous_text ?? "")})`] : []),
    ...(item.mark_changed ? [`- ${label} now ${item.mark} (was ${item.previous_mark}): ${id}`] : []),
  ];
}

/** The transcript's title and the session's summary. */
export function sessionMarkdownHeader(session: SessionSummary): string {
  return [
    `# Session ${inline(session.session_id)}`,
    [
      `- Turns: ${session.turns}`,
      `- Projects: ${list(session.projects)}`,
      `- Clients: ${list(session.clients)}`,
      `- First turn: ${session.first_at}`,
      `- Last turn: ${session.last_at}`,
    ].join("\n"),
  ].join("\n\n");
}

/**
 * One turn: when it happened (and when it arrived, if much later), prompt, response, the context
 * used, and the pack's changes since the previous turn (`previousAt` its time).
 */
export function turnMarkdown(turn: SessionTurn, previousAt: string | null, diff: PackDiff | null): string {
  const at = turnTime(turn);
  const gap = previousAt ? ` (+${durationLabel(Date.parse(at) - Date.parse(previousAt))})` : "";
  const late = arrivedLateMs(turn);
  const arrived = late === null ? "" : ` · arrived ${durationLabel(late)} later (${turn.created_at})`;
  const answer = turn.response
    ? `### Response\n\n${fenced(turn.response)}`
    : turn.response_summary
      ? `### Response summary (the response itself was not recorded)\n\n${fenced(turn.response_summary)}`
      : "_No response recorded._";
  const changes = diff?.items.flatMap(diffLines) ?? [];
  const context = [
    `- Memories used (${turn.memories_used.length}): ${list(turn.memories_used)}`,
    `- Chunks used (${turn.chunks_used.length}): ${list(turn.chunks_used)}`,
    ...(diff === null ? [] : changes.length ? changes : ["- Context pack unchanged since the previous turn"]),
  ];
  return [
    `## Turn ${turn.turn} · ${at}${gap}${arrived}`,
    `Interaction \`${turn.id}\` · client ${inline(turn.client || "(none)")} · project ${inline(turn.project || "(none)")}`,
    `### Prompt\n\n${fenced(turn.prompt)}`,
    answer,
    `### Context\n\n${context.join("\n")}`,
  ].join("\n\n");
}
