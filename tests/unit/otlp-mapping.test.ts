import { gzipSync } from "node:zlib";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { nameUuid } from "@/lib/import/name-uuid";
import { decodeTraceRequest, type OtlpFormat } from "@/lib/otlp/decode-traces";
import { mapExport, spanInteractionId } from "@/lib/otlp/map-spans";
import { currentChat, spanRecorder, v136Chat } from "../helpers/otel";

const T0 = Date.UTC(2026, 11, 6, 3, 0, 0, 123);

function request(spans: ReadableSpan[], format: OtlpFormat, gzip = false): Request {
  const bytes = (format === "protobuf" ? ProtobufTraceSerializer : JsonTraceSerializer).serializeRequest(spans)!;
  const headers: Record<string, string> = { "content-type": format === "protobuf" ? "application/x-protobuf" : "application/json" };
  if (gzip) headers["content-encoding"] = "gzip";
  return new Request("http://localhost/v1/traces", { method: "POST", headers, body: gzip ? gzipSync(bytes) : Buffer.from(bytes) });
}

async function mapped(spans: ReadableSpan[], format: OtlpFormat = "protobuf", gzip = false) {
  return mapExport(await decodeTraceRequest(request(spans, format, gzip), format));
}

describe("OTLP GenAI span mapping", () => {
  it("maps a chat span in the current conventions, the same from protobuf, JSON and gzip", async () => {
    const rec = spanRecorder({ "service.name": "billing-agent", "atocore.project": "billing" });
    const made = rec.trace({
      name: "chat gpt-4o",
      at: T0,
      attributes: currentChat("Wie hoch ist die Rechnung? 請求額は? 🧾", "42 €", {
        "gen_ai.conversation.id": "conv-7",
        "atocore.memories_used": ["m-2"],
        "atocore.chunks_used": ["c-1"],
      }),
    });
    const ctx = made.get("chat gpt-4o")!.spanContext();
    const results = await Promise.all([mapped(rec.spans(), "protobuf"), mapped(rec.spans(), "json"), mapped(rec.spans(), "protobuf", true)]);
    for (const result of results) {
      expect(result).toEqual({
        rejected: [],
        ignored: 0,
        captures: [
          {
            id: nameUuid(`otlp:${ctx.traceId}:${ctx.spanId}`),
            prompt: "Wie hoch ist die Rechnung? 請求額は? 🧾",
            response: "42 €",
            project: "billing",
            client: "openai",
            session_id: "conv-7",
            memories_used: ["m-2"],
            chunks_used: ["c-1"],
            context_pack: {},
            occurred_at: new Date(T0).toISOString(),
          },
        ],
      });
    }
    expect(results[0].captures[0].id).toBe(spanInteractionId(ctx.traceId, ctx.spanId));
  });

  it("reads structured message values, and falls back to service.name and session.id", async () => {
    const rec = spanRecorder({ "service.name": "svc-a" });
    rec.trace({
      name: "gen",
      at: T0,
      attributes: {
        "gen_ai.operation.name": "generate_content",
        "gen_ai.provider.name": "gcp.gemini",
        "session.id": "s-9",
      },
    });
    // The SDK's attribute values cannot nest; a structured gen_ai.input.messages arrives as
    // OTLP kvlist/array values, written here into the JSON encoding directly.
    const body = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(rec.spans())!));
    const text = (s: string) => ({ stringValue: s });
    const message = (role: string, content: string) => ({
      kvlistValue: {
        values: [
          { key: "role", value: text(role) },
          { key: "parts", value: { arrayValue: { values: [{ kvlistValue: { values: [{ key: "type", value: text("text") }, { key: "content", value: text(content) }] } }] } } },
        ],
      },
    });
    body.resourceSpans[0].scopeSpans[0].spans[0].attributes.push(
      { key: "gen_ai.input.messages", value: { arrayValue: { values: [message("user", "structured question")] } } },
      { key: "gen_ai.output.messages", value: { arrayValue: { values: [message("assistant", "structured answer")] } } },
    );
    const req = new Request("http://x/v1/traces", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const { captures } = mapExport(await decodeTraceRequest(req, "json"));
    expect(captures).toMatchObject([{ prompt: "structured question", response: "structured answer", project: "svc-a", client: "gcp.gemini", session_id: "s-9" }]);
  });

  it("maps the v1.36 shape (events, gen_ai.system) and the indexed gen_ai.prompt.N / gen_ai.completion.N attributes", async () => {
    const rec = spanRecorder({ "service.name": "legacy" });
    rec.trace({ name: "chat claude", at: T0, ...v136Chat("old-style question", "old-style answer", { "session.id": "legacy-1" }) });
    rec.trace({
      name: "openai.chat",
      at: T0 + 1,
      attributes: {
        "gen_ai.operation.name": "text_completion",
        "gen_ai.system": "openai",
        "gen_ai.prompt.0.role": "system",
        "gen_ai.prompt.0.content": "sys",
        "gen_ai.prompt.1.role": "user",
        "gen_ai.prompt.1.content": "indexed question",
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.content": "indexed answer",
      },
    });
    const { captures, rejected } = await mapped(rec.spans(), "json");
    expect(rejected).toEqual([]);
    expect(captures.map((c) => [c.prompt, c.response, c.client, c.session_id])).toEqual([
      ["old-style question", "old-style answer", "anthropic", "legacy-1"],
      ["indexed question", "indexed answer", "openai", ""],
    ]);
  });

  it("fills the pack from retrieval and memory spans that are ancestors or earlier siblings, not later ones nor other traces", async () => {
    const rec = spanRecorder({ "service.name": "rag" });
    const docs = (ids: string[]) => JSON.stringify(ids.map((id, i) => ({ id, score: 0.9 - i / 10, content: `text of ${id}` })));
    rec.trace({
      name: "agent",
      at: T0,
      attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.memory.records": JSON.stringify([{ id: "m-root", score: 0.5, content: "likes tea" }]) },
      children: [
        { name: "search_memory", at: T0 + 1, attributes: { "gen_ai.operation.name": "search_memory", "gen_ai.memory.records": JSON.stringify([{ id: "m-1", score: 0.8, content: "lives in Kyoto" }]) } },
        {
          name: "retrieve",
          at: T0 + 2,
          attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.data_source.id": "kb-main", "gen_ai.retrieval.query.text": "invoice", "gen_ai.retrieval.documents": docs(["c-1", "c-2"]) },
        },
        { name: "chat", at: T0 + 3, attributes: currentChat("q", "a", { "atocore.chunks_used": ["c-2"], "atocore.memories_used": ["m-1"] }) },
        { name: "late retrieval", at: T0 + 4, attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.retrieval.documents": docs(["c-late"]) } },
      ],
    });
    rec.trace({ name: "other trace", at: T0, attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.retrieval.documents": docs(["c-other"]) } });
    const { captures, ignored } = await mapped(rec.spans());
    expect(ignored).toBe(5);
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ chunks_used: ["c-2"], memories_used: ["m-1"] });
    expect(captures[0].context_pack).toEqual({
      memories: [
        { id: "m-root", score: 0.5, content: "likes tea" },
        { id: "m-1", score: 0.8, content: "lives in Kyoto" },
      ],
      chunks: [
        { id: "c-1", score: 0.9, content: "text of c-1", data_source_id: "kb-main", query: "invoice" },
        { id: "c-2", score: 0.8, content: "text of c-2", data_source_id: "kb-main", query: "invoice" },
      ],
    });
  });

  it("rejects a chat span without a user message and a malformed span, alone; other spans are ignored", async () => {
    const rec = spanRecorder();
    rec.trace({
      name: "root",
      at: T0,
      children: [
        { name: "good", at: T0 + 1, attributes: currentChat("fine", "ok") },
        { name: "no user", at: T0 + 2, attributes: { "gen_ai.operation.name": "chat", "gen_ai.input.messages": JSON.stringify([{ role: "system", parts: [{ type: "text", content: "only system" }] }]) } },
        { name: "tool", at: T0 + 3, attributes: { "gen_ai.operation.name": "execute_tool" } },
      ],
    });
    const body = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(rec.spans())!));
    body.resourceSpans[0].scopeSpans[0].spans.push({ traceId: "zz", spanId: "00", name: "broken" });
    const req = new Request("http://x/v1/traces", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const { captures, rejected, ignored } = mapExport(await decodeTraceRequest(req, "json"));
    expect(captures.map((c) => c.prompt)).toEqual(["fine"]);
    expect(ignored).toBe(2);
    expect(rejected).toHaveLength(2);
    expect(rejected.map((r) => r.reason).join("\n")).toMatch(/no user message/);
    expect(rejected.map((r) => r.reason).join("\n")).toMatch(/malformed: traceId/);
  });

  it("refuses a body that is not OTLP: bad protobuf, bad gzip, other media types", async () => {
    const bad = (headers: Record<string, string>, body: BodyInit) => decodeTraceRequest(new Request("http://x", { method: "POST", headers, body }), "protobuf");
    await expect(bad({ "content-type": "application/x-protobuf" }, new Uint8Array([0x0a, 0xff, 0xff, 0xff]))).rejects.toMatchObject({ code: "invalid_body" });
    await expect(bad({ "content-type": "application/x-protobuf", "content-encoding": "gzip" }, "not gzip")).rejects.toMatchObject({ code: "invalid_body" });
    await expect(bad({ "content-type": "application/x-protobuf", "content-encoding": "br" }, "x")).rejects.toMatchObject({ code: "unsupported_media_type" });
  });
});
