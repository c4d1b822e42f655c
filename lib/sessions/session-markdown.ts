import { contextChanges, type ChangedItem, type SetChange } from "@/lib/sessions/context-changes";
import { durationLabel } from "@/lib/format-time";
import type { SessionSummary, SessionTurn } from "@/lib/sessions/schema";

// A readable transcript. User text goes inside code fences longer than any backtick run it
// contains, so nothing in a prompt can become Markdown structure (or HTML) in a renderer.
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

const inline = (text: string) => text.replace(/\s+/g, " ").replace(/[\\`*_[\]<>|]/g, "\\$&");
const list = (values: string[]) => (values.length ? values.map((v) => inline(v || "(none)")).join(", ") : "(none)");
const item = (c: ChangedItem) => `\`${c.id.replace(/`/g, "'")}\`${c.text ? ` — ${inline(c.text)}` : ""}`;

function changeLines(label: string, change: SetChange): string[] {
  return [
    ...change.entered.map((c) => `- ${label} entered: ${item(c)}`),
    ...change.left.map((c) => `- ${label} left: ${item(c)}`),
  ];
}

function turnMarkdown(turn: SessionTurn, prev: SessionTurn | undefined, lines: string[] | null): string {
  const at = Date.parse(turn.created_at);
  const gap = prev ? ` (+${durationLabel(at - Date.parse(prev.created_at))})` : "";
  const answer = turn.response
    ? `### Response\n\n${fenced(turn.response)}`
    : turn.response_summary
      ? `### Response summary (the response itself was not recorded)\n\n${fenced(turn.response_summary)}`
      : "_No response recorded._";
  const context = [
    `- Memories used (${turn.memories_used.length}): ${list(turn.memories_used)}`,
    `- Chunks used (${turn.chunks_used.length}): ${list(turn.chunks_used)}`,
    ...(lines === null ? [] : lines.length ? lines : ["- Context unchanged since the previous turn"]),
  ];
  return [
    `## Turn ${turn.turn} · ${turn.created_at}${gap}`,
    `Interaction \`${turn.id}\` · client ${inline(turn.client || "(none)")} · project ${inline(turn.project || "(none)")}`,
    `### Prompt\n\n${fenced(turn.prompt)}`,
    answer,
    `### Context\n\n${context.join("\n")}`,
  ].join("\n\n");
}

/** The session as a Markdown transcript with a context summary per turn. */
export function sessionMarkdown(session: SessionSummary, turns: SessionTurn[]): string {
  const changes = contextChanges(turns);
  const header = [
    `# Session ${inline(session.session_id)}`,
    [
      `- Turns: ${session.turns}`,
      `- Projects: ${list(session.projects)}`,
      `- Clients: ${list(session.clients)}`,
      `- First turn: ${session.first_at}`,
      `- Last turn: ${session.last_at}`,
    ].join("\n"),
  ];
  const body = turns.map((turn, i) => {
    const change = changes[i];
    const lines = change && [...changeLines("Memory", change.memories), ...changeLines("Chunk", change.chunks)];
    return turnMarkdown(turn, turns[i - 1], lines);
  });
  return `${[...header, ...body].join("\n\n")}\n`;
}
