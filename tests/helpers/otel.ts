import { context, trace, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

// Spans made by the real OpenTelemetry JS SDK, as an instrumented agent makes them; tests then
// serialize or export them with the SDK's own OTLP code.

export type SpanSpec = {
  name?: string;
  attributes?: Attributes;
  events?: { name: string; attributes?: Attributes }[];
  /** Start time, ms since the epoch (spans are ordered by it). */
  at?: number;
  children?: SpanSpec[];
};

export function spanRecorder(resource: Attributes = { "service.name": "otel-tests" }) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(resource), spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer("atocore-tests");
  return {
    /** Records one trace (a root span and its children); returns every span made, by name. */
    trace(spec: SpanSpec): Map<string, Span> {
      const made = new Map<string, Span>();
      emit(tracer, spec, undefined, made);
      return made;
    },
    spans: (): ReadableSpan[] => memory.getFinishedSpans(),
    reset: () => memory.reset(),
  };
}

function emit(tracer: Tracer, spec: SpanSpec, parent: Span | undefined, made: Map<string, Span>) {
  const ctx = parent ? trace.setSpan(context.active(), parent) : context.active();
  const at = spec.at ?? Date.now();
  const span = tracer.startSpan(spec.name ?? "span", { attributes: spec.attributes, startTime: at }, ctx);
  for (const e of spec.events ?? []) span.addEvent(e.name, e.attributes, at);
  made.set(spec.name ?? "span", span);
  for (const child of spec.children ?? []) emit(tracer, child, span, made);
  span.end(at + 10);
}

/** A chat span's attributes in the current GenAI conventions (messages as JSON strings). */
export function currentChat(user: string, answer: string, extra: Attributes = {}): Attributes {
  return {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": "openai",
    "gen_ai.request.model": "gpt-4o",
    "gen_ai.input.messages": JSON.stringify([
      { role: "system", parts: [{ type: "text", content: "You are terse." }] },
      { role: "user", parts: [{ type: "text", content: "earlier question" }] },
      { role: "assistant", parts: [{ type: "text", content: "earlier answer" }] },
      { role: "user", parts: [{ type: "text", content: user }] },
    ]),
    "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: answer }], finish_reason: "stop" }]),
    ...extra,
  };
}

/** A chat span in the v1.36 shape: gen_ai.system, and the prompt and answer as events. */
export function v136Chat(user: string, answer: string, extra: Attributes = {}): Pick<SpanSpec, "attributes" | "events"> {
  return {
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.system": "anthropic", ...extra },
    events: [
      { name: "gen_ai.system.message", attributes: { content: "You are terse." } },
      { name: "gen_ai.user.message", attributes: { content: user } },
      { name: "gen_ai.choice", attributes: { index: 0, finish_reason: "stop", message: JSON.stringify({ role: "assistant", content: answer }) } },
    ],
  };
}
