import { nameUuid } from "@/lib/import/name-uuid";
import { attributeObject, type Plain } from "@/lib/otlp/any-value";
import { promptOf, responseOf, type SpanEvent } from "@/lib/otlp/genai-messages";
import { OtlpSpanSchema, type ExportTraceRequest } from "@/lib/otlp/otlp-request-schema";
import type { CaptureInput } from "@/lib/interactions/schema";

// From OTel GenAI spans to captures (the mapping table in docs/integrations.md): each chat-like
// span is one interaction; retrieval and memory spans of its trace that ran before it, as its
// ancestors or earlier siblings (or inside those siblings), fill its context pack. Spans an
// earlier export of the trace carried come from lib/otlp/kept-spans.ts.

type Attrs = Record<string, Plain>;

type PackItem = Record<string, unknown>;

export type Span = {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  start: bigint;
  attrs: Attrs;
  resource: Attrs;
  events: SpanEvent[];
  /** The pack items a retrieval span (chunks) or memory span (memories) offers. */
  chunks: PackItem[];
  memories: PackItem[];
  /** Kept from an earlier export: context only, never mapped or counted again. */
  kept?: true;
};

/** A capture body built from a span; `occurred_at` is the span's start time (ISO 8601, UTC). */
export type OtlpCapture = Omit<CaptureInput, "id" | "response_summary"> & { id: string; occurred_at: string };

export type RejectedSpan = { spanId: string; reason: string };
export type MappedExport = { captures: OtlpCapture[]; rejected: RejectedSpan[]; ignored: number };

export const INTERACTION_OPERATIONS = new Set(["chat", "text_completion", "generate_content"]);

const text = (v: Plain | undefined): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

function operation(span: Pick<Span, "attrs">): string {
  return text(span.attrs["gen_ai.operation.name"]);
}

/** A JSON string or a structured value, as a list. */
function list(v: Plain | undefined): Plain[] {
  let value = v;
  if (typeof v === "string") {
    try {
      value = JSON.parse(v) as Plain;
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? value : [];
}

function idList(v: Plain | undefined): string[] {
  return list(v).map(text).filter((s) => s !== "");
}

function isRetrieval(span: Pick<Span, "attrs">): boolean {
  return operation(span) === "retrieval" || span.attrs["gen_ai.retrieval.documents"] !== undefined;
}

function isMemorySearch(span: Pick<Span, "attrs">): boolean {
  return operation(span) === "search_memory" || span.attrs["gen_ai.memory.records"] !== undefined;
}

/** A chat-like span: one interaction. */
export function isInteractionSpan(span: Pick<Span, "attrs">): boolean {
  return INTERACTION_OPERATIONS.has(operation(span));
}

// One retrieved document or memory record as a pack item: every field it carries (id, score,
// content, ...), its id as text (the pack's used/offered marks match ids), plus `extra`.
function packItem(record: Plain, extra: Record<string, Plain>): PackItem | null {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return null;
  const id = text(record.id);
  if (!id) return null;
  const item: PackItem = { ...record, id };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "" && !(k in item)) item[k] = v;
  return item;
}

function chunksOf(span: Pick<Span, "attrs">): PackItem[] {
  if (!isRetrieval(span)) return [];
  const extra = {
    data_source_id: text(span.attrs["gen_ai.data_source.id"]),
    query: text(span.attrs["gen_ai.retrieval.query.text"]),
  };
  return list(span.attrs["gen_ai.retrieval.documents"])
    .map((d) => packItem(d, extra))
    .filter((d) => d !== null);
}

function memoriesOf(span: Pick<Span, "attrs">): PackItem[] {
  if (!isMemorySearch(span)) return [];
  return list(span.attrs["gen_ai.memory.records"])
    .map((r) => packItem(r, {}))
    .filter((r) => r !== null);
}

/** The trace's spans that came before `span` on its way: ancestors, earlier siblings and what ran inside those siblings. */
export function contextSpans(span: Span, byId: Map<string, Span>, children: Map<string, Span[]>): Span[] {
  const out: Span[] = [];
  const seen = new Set<string>([span.spanId]);
  const addTree = (s: Span) => {
    if (seen.has(s.spanId)) return;
    seen.add(s.spanId);
    out.push(s);
    for (const c of children.get(s.spanId) ?? []) addTree(c);
  };
  for (const sibling of children.get(span.parentSpanId) ?? []) if (sibling.start <= span.start) addTree(sibling);
  for (let p = byId.get(span.parentSpanId); p && !seen.has(p.spanId); p = byId.get(p.parentSpanId)) {
    seen.add(p.spanId);
    out.push(p);
  }
  return out;
}

function contextPack(span: Span, byId: Map<string, Span>, children: Map<string, Span[]>): Record<string, unknown> {
  const chunks: PackItem[] = [];
  const memories: PackItem[] = [];
  const context = contextSpans(span, byId, children).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (const s of context) {
    chunks.push(...s.chunks);
    memories.push(...s.memories);
  }
  return { ...(memories.length ? { memories } : {}), ...(chunks.length ? { chunks } : {}) };
}

/** A span attribute, else the resource's. */
function either(span: Span, key: string): string {
  return text(span.attrs[key]) || text(span.resource[key]);
}

/** The span's start (nanoseconds since the epoch) as an ISO 8601 UTC instant, to the millisecond. */
export function isoFromNanos(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

/** The interaction id of a span: a name-based UUID, so a re-export names the same row. */
export function spanInteractionId(traceId: string, spanId: string): string {
  return nameUuid(`otlp:${traceId}:${spanId}`);
}

function toCapture(span: Span, byId: Map<string, Span>, children: Map<string, Span[]>): OtlpCapture | RejectedSpan {
  const prompt = promptOf(span.attrs, span.events);
  if (!prompt.trim()) {
    return {
      spanId: span.spanId,
      reason: `span ${span.spanId} (${operation(span)}) has no user message (gen_ai.input.messages, gen_ai.user.message events or gen_ai.prompt.N.*)`,
    };
  }
  return {
    id: spanInteractionId(span.traceId, span.spanId),
    prompt,
    response: responseOf(span.attrs, span.events),
    project: either(span, "atocore.project") || text(span.resource["service.name"]),
    client: either(span, "atocore.client") || text(span.attrs["gen_ai.provider.name"]) || text(span.attrs["gen_ai.system"]),
    session_id: either(span, "gen_ai.conversation.id") || either(span, "session.id"),
    memories_used: idList(span.attrs["atocore.memories_used"]),
    chunks_used: idList(span.attrs["atocore.chunks_used"]),
    context_pack: contextPack(span, byId, children),
    occurred_at: isoFromNanos(span.start),
  };
}

// Map.groupBy needs Node 21; the app runs on Node 20.19 too.
function groupBy(spans: readonly Span[], key: (s: Span) => string): Map<string, Span[]> {
  const groups = new Map<string, Span[]>();
  for (const s of spans) {
    const group = groups.get(key(s));
    if (group) group.push(s);
    else groups.set(key(s), [s]);
  }
  return groups;
}

/** Each trace's spans, with where each sits: by id, and the children of each parent id. */
export function traceGraphs(spans: readonly Span[]): { spans: Span[]; byId: Map<string, Span>; children: Map<string, Span[]> }[] {
  // Spans are linked within their own trace only.
  return [...groupBy(spans, (s) => s.traceId).values()].map((trace) => ({
    spans: trace,
    byId: new Map(trace.map((s) => [s.spanId, s])),
    children: groupBy(trace, (s) => s.parentSpanId),
  }));
}

/** Reads every span of an export; a malformed one is rejected alone. */
export function readExport(request: ExportTraceRequest): { spans: Span[]; rejected: RejectedSpan[] } {
  const spans: Span[] = [];
  const rejected: RejectedSpan[] = [];
  for (const rs of request.resourceSpans) {
    const resource = attributeObject(rs.resource?.attributes ?? []);
    for (const ss of rs.scopeSpans)
      for (const raw of ss.spans) {
        const parsed = OtlpSpanSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          rejected.push({ spanId: "", reason: `a span is malformed: ${issue.path.join(".")} ${issue.message}` });
          continue;
        }
        const s = parsed.data;
        const attrs = attributeObject(s.attributes);
        spans.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? "",
          start: BigInt(s.startTimeUnixNano),
          attrs,
          resource,
          events: s.events.map((e) => ({ name: e.name, attributes: attributeObject(e.attributes) })),
          chunks: chunksOf({ attrs }),
          memories: memoriesOf({ attrs }),
        });
      }
  }
  return { spans, rejected };
}

/**
 * Maps the chat-like spans among `spans` (an export's, plus spans kept from earlier exports of
 * their traces, which only serve as context); the export's other spans count as ignored.
 */
export function mapSpans(spans: readonly Span[]): MappedExport {
  const captures: OtlpCapture[] = [];
  const rejected: RejectedSpan[] = [];
  let ignored = 0;
  for (const { spans: trace, byId, children } of traceGraphs(spans)) {
    for (const s of trace) {
      if (s.kept) continue;
      if (!isInteractionSpan(s)) {
        ignored++;
        continue;
      }
      const out = toCapture(s, byId, children);
      if ("reason" in out) rejected.push(out);
      else captures.push(out);
    }
  }
  return { captures, rejected, ignored };
}

/** Reads and maps one export on its own (no kept spans). */
export function mapExport(request: ExportTraceRequest): MappedExport {
  const { spans, rejected } = readExport(request);
  const mapped = mapSpans(spans);
  return { ...mapped, rejected: [...rejected, ...mapped.rejected] };
}
