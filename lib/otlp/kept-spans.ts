import { config } from "@/lib/config";
import type { KeptSpan } from "@/lib/db/contract/otlp-spans";
import { database } from "@/lib/db";
import { log } from "@/lib/log";
import { contextSpans, isInteractionSpan, traceGraphs, type Span } from "@/lib/otlp/map-spans";
import { findSecrets, type TextPart } from "@/lib/redactions/find-secrets";
import { packStrings } from "@/lib/redactions/redact-secrets";

// An exporter sends spans as they end, in batches that split a trace anywhere: the retrieval
// span that fed a chat span ends first and often travels one export earlier. The spans of
// GenAI traces are kept for OTLP_SPAN_KEEP_MS (lib/db/contract/otlp-spans.ts), so that a chat
// span finds the context an earlier export carried. A chat span that arrives before its
// context cannot be completed later: a stored interaction is never edited.

// Kept spans read for one export, at most: where each sits (a few ids each), so a trace kept
// for a long agent run stays cheap. Items are read only for the spans a chat span needs.
const MAX_KEPT_SHAPES = 10_000;

const key = (s: { traceId: string; spanId: string }) => `${s.traceId}\t${s.spanId}`;

/**
 * The export's spans together with the spans kept from earlier exports of the traces whose
 * chat spans it carries (marked `kept`), the pack items of those a chat span needs read in.
 */
export async function withKeptContext(spans: readonly Span[]): Promise<readonly Span[]> {
  const traces = [...new Set(spans.filter(isInteractionSpan).map((s) => s.traceId))];
  if (traces.length === 0 || config().OTLP_SPAN_KEEP_MS === 0) return spans;
  const present = new Set(spans.map(key));
  const kept: Span[] = (await database().otlpSpans.shapes(traces, MAX_KEPT_SHAPES))
    .map((k) => ({ traceId: k.trace_id, spanId: k.span_id, parentSpanId: k.parent_span_id, start: BigInt(k.start_ns) }))
    .filter((k) => !present.has(key(k)))
    .map((k) => ({ ...k, attrs: {}, resource: {}, events: [], chunks: [], memories: [], kept: true }));
  if (kept.length === 0) return spans;
  const all = [...spans, ...kept];
  const needed = new Map<string, Span>();
  for (const { spans: trace, byId, children } of traceGraphs(all))
    for (const s of trace)
      if (!s.kept && isInteractionSpan(s)) for (const c of contextSpans(s, byId, children)) if (c.kept) needed.set(key(c), c);
  const items = await database().otlpSpans.items([...needed.values()].map((s) => ({ trace_id: s.traceId, span_id: s.spanId })));
  for (const row of items) {
    const span = needed.get(key({ traceId: row.trace_id, spanId: row.span_id }));
    if (!span) continue;
    span.memories = JSON.parse(row.memories) as Span["memories"];
    span.chunks = JSON.parse(row.chunks) as Span["chunks"];
  }
  return all;
}

/**
 * The indexes of the spans whose items hold a secret (the rules of secrets at the door): those
 * are kept without their items, so that no secret is stored outside a capture, where the door
 * redacts it and records the redaction.
 */
async function spansWithSecrets(spans: readonly Span[]): Promise<Set<number>> {
  if (!config().REDACT_SECRETS) return new Set();
  const parts: TextPart[] = [];
  packStrings(spans.map((s) => ({ memories: s.memories, chunks: s.chunks })), parts);
  // Pointers are "/context_pack/<span index>/...".
  return new Set((await findSecrets(parts)).map((f) => Number(f.pointer.split("/")[2])));
}

/** Keeps the spans of this export's GenAI traces (those with any gen_ai.* attribute) for later exports. */
export async function keepSpans(spans: readonly Span[]): Promise<void> {
  const keepMs = config().OTLP_SPAN_KEEP_MS;
  if (keepMs === 0) return;
  const genai = new Set(spans.filter((s) => Object.keys(s.attrs).some((k) => k.startsWith("gen_ai."))).map((s) => s.traceId));
  const kept = spans.filter((s) => !s.kept && genai.has(s.traceId));
  if (kept.length === 0) return;
  try {
    const secret = await spansWithSecrets(kept);
    const rows: KeptSpan[] = kept.map((s, i) => ({
      trace_id: s.traceId,
      span_id: s.spanId,
      parent_span_id: s.parentSpanId,
      start_ns: String(s.start),
      memories: secret.has(i) ? "[]" : JSON.stringify(s.memories),
      chunks: secret.has(i) ? "[]" : JSON.stringify(s.chunks),
    }));
    const now = Date.now();
    await database().otlpSpans.keep(rows, now, now - keepMs);
  } catch (err) {
    // The export's interactions are stored; only later exports' context is missing.
    log.warn("otlp_spans_not_kept", { spans: kept.length, error: err instanceof Error ? err.message : String(err) });
  }
}
