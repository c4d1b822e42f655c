-- OTLP exports split a trace wherever their batches end: a retrieval span that ended before
-- the chat span it fed often arrives one export earlier. The spans of GenAI traces that are not
-- chat spans are kept here for a while (lib/otlp/kept-spans.ts), so that a later export's chat
-- span still finds its context: where each span sits in its trace, and the pack items of
-- retrieval and memory spans (JSON arrays). start_ns is the span's start in nanoseconds as
-- text (beyond a double's precision); received_at says when to forget it.
CREATE TABLE "otlp_spans" (
    "trace_id" TEXT NOT NULL,
    "span_id" TEXT NOT NULL,
    "parent_span_id" TEXT NOT NULL,
    "start_ns" TEXT NOT NULL,
    "memories" TEXT NOT NULL,
    "chunks" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "otlp_spans_pkey" PRIMARY KEY ("trace_id", "span_id")
);

CREATE INDEX "otlp_spans_received_at_idx" ON "otlp_spans"("received_at");
