// Reads the assistant's answer to the latest prompt from a Claude Code transcript (JSONL, one
// entry per line: {type: "user" | "assistant" | ..., message: {role, content}, isSidechain, ...};
// content is a string or a list of blocks such as {type: "text", text}, {type: "tool_use"},
// {type: "tool_result"}). One assistant message may be spread over several lines that share
// message.id, one content block each.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

// The answer is near the end; a long session's transcript can be large.
const TAIL_BYTES = 8 * 1024 * 1024;

function readTail(file) {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    const lines = buf.subarray(0, read).toString("utf8").split("\n");
    if (start > 0) lines.shift(); // begins mid-line
    return lines;
  } finally {
    closeSync(fd);
  }
}

const blocks = (content) => (Array.isArray(content) ? content.filter((b) => b && typeof b === "object") : []);

// A person's prompt, as opposed to a tool result or an entry Claude Code injected.
function isPrompt(entry) {
  if (entry.type !== "user" || entry.isMeta) return false;
  const content = entry.message?.content;
  if (typeof content === "string") return content.trim() !== "";
  const bs = blocks(content);
  return bs.some((b) => b.type === "text") && !bs.some((b) => b.type === "tool_result");
}

function textOf(entry) {
  return blocks(entry.message?.content)
    .filter((b) => b.type === "text" && typeof b.text === "string")
    .map((b) => b.text)
    .join("\n\n");
}

/**
 * The text of the last assistant message after the last prompt, or "" when the transcript
 * has none (yet). Sidechain entries (subagents) are not the main answer and are skipped.
 */
export function lastAssistantText(file) {
  const entries = [];
  for (const line of readTail(file)) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line);
      if (entry && typeof entry === "object" && !entry.isSidechain) entries.push(entry);
    } catch {
      // a line being written, or not an entry
    }
  }
  let from = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (isPrompt(entries[i])) {
      from = i + 1;
      break;
    }
  }
  const answer = entries.slice(from).filter((e) => e.type === "assistant" && textOf(e).trim() !== "");
  if (answer.length === 0) return "";
  const last = answer[answer.length - 1];
  const messageId = last.message?.id;
  const parts = messageId === undefined ? [last] : answer.filter((e) => e.message?.id === messageId);
  return parts.map(textOf).join("\n\n");
}
