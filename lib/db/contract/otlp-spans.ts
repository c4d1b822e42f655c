// What the OTLP ingest needs from a database: a short memory of the GenAI spans that are not
// chat spans, so that a chat span arriving in a later export of its trace still finds the
// retrieval and memory spans that ran before it (lib/otlp/kept-spans.ts).

/** Where a kept span sits in its trace; start_ns is nanoseconds since the epoch as text. */
export type KeptSpanShape = { trace_id: string; span_id: string; parent_span_id: string; start_ns: string };

/** A kept span's pack items, JSON arrays as text. */
export type KeptSpanItems = { trace_id: string; span_id: string; memories: string; chunks: string };

export type KeptSpan = KeptSpanShape & Omit<KeptSpanItems, "trace_id" | "span_id">;

export interface OtlpSpanStore {
  /** Keeps `spans` (a span kept already stays as it was) and forgets those received before `forgetBefore` (epoch ms). */
  keep(spans: readonly KeptSpan[], now: number, forgetBefore: number): Promise<void>;
  /** The kept spans of these traces, without their items: at most `limit`. */
  shapes(traceIds: readonly string[], limit: number): Promise<KeptSpanShape[]>;
  /** The items of these kept spans. */
  items(keys: readonly { trace_id: string; span_id: string }[]): Promise<KeptSpanItems[]>;
}
