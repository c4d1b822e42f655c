import type { Plain } from "@/lib/otlp/any-value";

// The prompt and the response of a GenAI span, in each form the GenAI semantic conventions
// have used: the current `gen_ai.input.messages` / `gen_ai.output.messages` (messages with
// typed parts, sent as a JSON string or as a structured value), the v1.36 events
// (`gen_ai.user.message`, `gen_ai.choice`), and the indexed `gen_ai.prompt.N.*` /
// `gen_ai.completion.N.*` attributes of earlier instrumentations.

type Attrs = Record<string, Plain>;
export type SpanEvent = { name: string; attributes: Attrs };

const isObject = (v: unknown): v is Record<string, Plain> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value that may arrive as a JSON string or already structured. */
function structured(v: Plain | undefined): Plain | undefined {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!t.startsWith("[") && !t.startsWith("{")) return v;
  try {
    return JSON.parse(t) as Plain;
  } catch {
    return v;
  }
}

/** The text of a message's content: a string, or the text parts of a list of parts. */
function contentText(content: Plain | undefined): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map(partText).filter((s) => s !== "").join("\n");
  if (isObject(content)) return partText(content);
  return "";
}

// A part: {type: "text", content} in the conventions; {type: "text", text} in providers' shapes.
function partText(part: Plain): string {
  if (typeof part === "string") return part;
  if (!isObject(part)) return "";
  if (part.type !== undefined && part.type !== "text") return "";
  if (typeof part.content === "string") return part.content;
  if (typeof part.text === "string") return part.text;
  return "";
}

function messageText(message: Plain): string {
  if (!isObject(message)) return typeof message === "string" ? message : "";
  if (message.parts !== undefined) return contentText(message.parts);
  return contentText(message.content);
}

function messages(v: Plain | undefined): Plain[] {
  const s = structured(v);
  if (Array.isArray(s)) return s;
  return isObject(s) ? [s] : [];
}

function lastUserInMessages(v: Plain | undefined): string {
  const list = messages(v);
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i];
    if (isObject(m) && m.role === "user") {
      const text = messageText(m);
      if (text.trim()) return text;
    }
  }
  return "";
}

function assistantText(v: Plain | undefined): string {
  return messages(v)
    .filter((m) => !isObject(m) || m.role === undefined || m.role === "assistant")
    .map(messageText)
    .filter((s) => s !== "")
    .join("\n");
}

/** `prefix.N.role` / `prefix.N.content` attributes, in index order. */
function indexed(attrs: Attrs, prefix: string): { role: Plain; content: string }[] {
  const byIndex = new Map<number, { role: Plain; content: string }>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.(role|content)$`);
  for (const [key, value] of Object.entries(attrs)) {
    const m = pattern.exec(key);
    if (!m) continue;
    const entry = byIndex.get(Number(m[1])) ?? { role: null, content: "" };
    if (m[2] === "role") entry.role = value;
    else entry.content = contentText(structured(value));
    byIndex.set(Number(m[1]), entry);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

// An event's message: its `content` attribute, or the JSON body some SDKs put in
// `gen_ai.event.content`, or (gen_ai.choice) a `message` object.
function eventText(event: SpanEvent): string {
  const a = event.attributes;
  const body = structured(a["gen_ai.event.content"]);
  for (const candidate of [a.content, a.message, body, isObject(body) ? body.message : undefined]) {
    const s = structured(candidate);
    const text = isObject(s) ? messageText(s) : contentText(s);
    if (text.trim()) return text;
  }
  return "";
}

/** The last user message the span sent, or "" when it names none. */
export function promptOf(attrs: Attrs, events: readonly SpanEvent[]): string {
  const current = lastUserInMessages(attrs["gen_ai.input.messages"]);
  if (current) return current;
  const userEvents = events.filter((e) => e.name === "gen_ai.user.message").map(eventText).filter((s) => s.trim());
  if (userEvents.length > 0) return userEvents[userEvents.length - 1];
  const prompts = indexed(attrs, "gen_ai.prompt").filter((p) => (p.role === null || p.role === "user") && p.content.trim());
  if (prompts.length > 0) return prompts[prompts.length - 1].content;
  return lastUserInMessages(attrs["gen_ai.prompt"]);
}

/** The model's answer, or "" when the span carries none. */
export function responseOf(attrs: Attrs, events: readonly SpanEvent[]): string {
  const current = assistantText(attrs["gen_ai.output.messages"]);
  if (current) return current;
  const choices = events.filter((e) => e.name === "gen_ai.choice").map(eventText).filter((s) => s.trim());
  if (choices.length > 0) return choices.join("\n");
  const completions = indexed(attrs, "gen_ai.completion").filter((c) => c.content.trim());
  if (completions.length > 0) return completions.map((c) => c.content).join("\n");
  return assistantText(attrs["gen_ai.completion"]);
}
