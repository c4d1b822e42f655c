import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, inject, it } from "vitest";
import { InteractionListSchema, InteractionRecordSchema } from "@/lib/interactions/schema";
import { ExportTraceServiceResponse } from "@/lib/otlp/otlp-proto";
import { spanInteractionId } from "@/lib/otlp/map-spans";
import { Prisma } from "@/lib/generated/prisma/client";
import { apiFetch, baseUrl, getJson, uid } from "../helpers/api";
import { withDb } from "../helpers/db";
import { currentChat, spanRecorder, v136Chat } from "../helpers/otel";

// OTLP/HTTP traces in, sent by the OpenTelemetry JS SDK's own exporters to the real server.

type Exporter = { export(spans: ReadableSpan[], done: (r: { code: number; error?: Error }) => void): void; shutdown(): Promise<void> };

function exporter(kind: "protobuf" | "json", gzip = false): Exporter {
  const options = {
    url: `${baseUrl()}/v1/traces`,
    headers: { Authorization: `Bearer ${inject("token")}` },
    compression: gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
  };
  return kind === "protobuf" ? new ProtobufExporter(options) : new JsonExporter(options);
}

async function exportSpans(kind: "protobuf" | "json", spans: ReadableSpan[], gzip = false) {
  const e = exporter(kind, gzip);
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => e.export(spans, resolve));
  await e.shutdown();
  expect(result.error).toBeUndefined();
  expect(result.code).toBe(0);
}

async function interaction(id: string) {
  const { status, body } = await getJson(`/api/interactions/${id}`);
  expect(status).toBe(200);
  return InteractionRecordSchema.parse(body);
}

async function projectRows(project: string) {
  const { body } = await getJson(`/api/interactions?project=${encodeURIComponent(project)}&limit=500`);
  return InteractionListSchema.parse(body).interactions;
}

const idOf = (span: ReadableSpan) => spanInteractionId(span.spanContext().traceId, span.spanContext().spanId);
const byName = (spans: ReadableSpan[], name: string) => spans.find((s) => s.name === name)!;

describe("POST /v1/traces", () => {
  it("stores chat spans sent by the protobuf exporter, with pack, used lists and session; a re-export adds nothing", async () => {
    const project = uid("otlp-proto");
    const session = uid("conv");
    const memory = uid("mem");
    const rec = spanRecorder({ "service.name": "agent-svc", "atocore.project": project });
    const t0 = Date.now() - 60_000;
    rec.trace({
      name: "invoke_agent",
      at: t0,
      attributes: { "gen_ai.operation.name": "invoke_agent" },
      children: [
        { name: "memory", at: t0 + 1, attributes: { "gen_ai.operation.name": "search_memory", "gen_ai.memory.records": JSON.stringify([{ id: memory, score: 0.91, content: "prefers metric units" }]) } },
        {
          name: "retrieval",
          at: t0 + 2,
          attributes: {
            "gen_ai.operation.name": "retrieval",
            "gen_ai.data_source.id": "handbook",
            "gen_ai.retrieval.query.text": "Zugspitze Höhe",
            "gen_ai.retrieval.documents": JSON.stringify([
              { id: "doc-1", score: 0.8, content: "Die Zugspitze ist 2962 m hoch." },
              { id: "doc-2", score: 0.4, content: "富士山は3776メートルです。" },
            ]),
          },
        },
        { name: "chat 1", at: t0 + 3, attributes: currentChat("Wie hoch ist die Zugspitze?", "2962 m", { "gen_ai.conversation.id": session, "atocore.memories_used": [memory], "atocore.chunks_used": ["doc-1"] }) },
        { name: "chat 2", at: t0 + 4, attributes: currentChat("Und der Fuji? 🗻", "3776 m", { "gen_ai.conversation.id": session }) },
      ],
    });
    const spans = rec.spans();
    await exportSpans("protobuf", spans);

    const first = await interaction(idOf(byName(spans, "chat 1")));
    expect(first).toMatchObject({
      prompt: "Wie hoch ist die Zugspitze?",
      response: "2962 m",
      project,
      client: "openai",
      session_id: session,
      memories_used: [memory],
      chunks_used: ["doc-1"],
      // The span's start: when the turn happened, whenever the export arrives.
      occurred_at: new Date(t0 + 3).toISOString(),
    });
    expect(first.context_pack).toEqual({
      memories: [{ id: memory, score: 0.91, content: "prefers metric units" }],
      chunks: [
        { id: "doc-1", score: 0.8, content: "Die Zugspitze ist 2962 m hoch.", data_source_id: "handbook", query: "Zugspitze Höhe" },
        { id: "doc-2", score: 0.4, content: "富士山は3776メートルです。", data_source_id: "handbook", query: "Zugspitze Höhe" },
      ],
    });
    const second = await interaction(idOf(byName(spans, "chat 2")));
    expect(second).toMatchObject({ prompt: "Und der Fuji? 🗻", session_id: session, memories_used: [] });

    // The reverse lookup and the session see OTel data like any capture.
    const uses = await getJson(`/api/memories/${encodeURIComponent(memory)}/interactions`);
    expect(uses.status).toBe(200);
    expect(JSON.stringify(uses.body)).toContain(first.id);
    const sessionTurns = await getJson(`/api/interactions?session_id=${encodeURIComponent(session)}`);
    expect(InteractionListSchema.parse(sessionTurns.body).interactions.map((i) => i.id).sort()).toEqual([first.id, second.id].sort());

    await exportSpans("protobuf", spans);
    await exportSpans("json", spans);
    expect((await projectRows(project)).map((i) => i.id).sort()).toEqual([first.id, second.id].sort());
    expect(await interaction(first.id)).toEqual(first);
  });

  it("completes a chat span's pack from spans earlier exports of its trace carried, as a batching exporter splits a trace", async () => {
    const project = uid("otlp-split");
    const memory = uid("mem");
    const secret = `ghp_${"Qw3Er6Ty9Ui2Op5As8Df1Gh4Jk7Lz0Xc3Vb6"}`;
    const rec = spanRecorder({ "service.name": "agent-svc", "atocore.project": project });
    const t0 = Date.now() - 60_000;
    rec.trace({
      name: "invoke_agent",
      at: t0,
      attributes: { "gen_ai.operation.name": "invoke_agent" },
      children: [
        { name: "memory", at: t0 + 1, attributes: { "gen_ai.operation.name": "search_memory", "gen_ai.memory.records": JSON.stringify([{ id: memory, score: 0.7, content: "مرحبا بالعالم" }]) } },
        { name: "leaky memory", at: t0 + 1, attributes: { "gen_ai.operation.name": "search_memory", "gen_ai.memory.records": JSON.stringify([{ id: "mem-leaky", content: `token ${secret}` }]) } },
        {
          name: "tool",
          at: t0 + 2,
          attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search_docs" },
          children: [
            {
              name: "retrieval",
              at: t0 + 3,
              attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.retrieval.documents": JSON.stringify([{ id: "doc-9", score: 0.5, content: "キャッシュの無効化" }]) },
            },
          ],
        },
        { name: "chat", at: t0 + 5, attributes: currentChat("What changed? 🤔", "The cache.", { "atocore.chunks_used": ["doc-9"] }) },
        { name: "late retrieval", at: t0 + 4, attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.retrieval.documents": JSON.stringify([{ id: "doc-late", content: "arrives after the chat span" }]) } },
      ],
    });
    const spans = rec.spans();
    const pick = (...names: string[]) => names.map((n) => byName(spans, n));
    // Each export holds what ended by then: the retrieval inside the tool, then the tool with
    // the memory search, then the chat span and the agent; the late retrieval comes last.
    await exportSpans("protobuf", pick("retrieval"));
    await exportSpans("json", pick("tool", "memory", "leaky memory"));
    await exportSpans("protobuf", pick("chat", "invoke_agent"));
    await exportSpans("json", pick("late retrieval"));

    const chat = await interaction(idOf(byName(spans, "chat")));
    expect(chat).toMatchObject({ prompt: "What changed? 🤔", project, chunks_used: ["doc-9"] });
    // A span that arrived after the chat span's export cannot join it: the row is never edited.
    // A kept span whose items held a secret was kept without them: no secret is stored there.
    expect(chat.context_pack).toEqual({
      memories: [{ id: memory, score: 0.7, content: "مرحبا بالعالم" }],
      chunks: [{ id: "doc-9", score: 0.5, content: "キャッシュの無効化" }],
    });
    const kept = await withDb((db) => db.all<{ n: number }>(Prisma.sql`SELECT count(*) AS n FROM otlp_spans WHERE memories LIKE ${`%${secret}%`}`));
    expect(Number(kept[0].n)).toBe(0);
    // The chunk is offered and used on OTel data split across exports, as in one.
    const uses = await getJson(`/api/chunks/${encodeURIComponent("doc-9")}/interactions?project=${encodeURIComponent(project)}`);
    expect(uses.status).toBe(200);
    expect(JSON.stringify(uses.body)).toContain(chat.id);
    // A re-export of the whole trace is a duplicate, whatever was kept.
    await exportSpans("json", spans);
    expect((await projectRows(project)).map((i) => i.id)).toEqual([chat.id]);
  });

  it("stores v1.36-shaped spans sent by the JSON exporter with gzip", async () => {
    const project = uid("otlp-json");
    const rec = spanRecorder({ "service.name": project });
    rec.trace({ name: "chat legacy", ...v136Chat("كم الساعة الآن؟", "الثالثة", { "session.id": `${project}-s` }) });
    await exportSpans("json", rec.spans(), true);
    const [row] = await projectRows(project);
    expect(row).toMatchObject({ id: idOf(rec.spans()[0]), prompt: "كم الساعة الآن؟", response: "الثالثة", client: "anthropic", session_id: `${project}-s` });
  });

  it("answers partial_success for a malformed span, in the request's encoding, and stores the good spans of the export", async () => {
    for (const format of ["protobuf", "json"] as const) {
      const project = uid(`otlp-partial-${format}`);
      const rec = spanRecorder({ "service.name": project });
      rec.trace({
        name: "root",
        children: [
          { name: "good", attributes: currentChat("a real question", "an answer") },
          { name: "no user", attributes: { "gen_ai.operation.name": "chat", "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "orphan" }] }]) } },
        ],
      });
      const serializer = format === "protobuf" ? ProtobufTraceSerializer : JsonTraceSerializer;
      const res = await apiFetch("/v1/traces", {
        method: "POST",
        headers: { "content-type": format === "protobuf" ? "application/x-protobuf" : "application/json" },
        body: Buffer.from(serializer.serializeRequest(rec.spans())!),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(format === "protobuf" ? "application/x-protobuf" : "application/json");
      const bytes = new Uint8Array(await res.arrayBuffer());
      const answer =
        format === "protobuf"
          ? (ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(bytes), { longs: String, enums: Number, bytes: String }) as { partialSuccess: { rejectedSpans: string; errorMessage: string } })
          : JSON.parse(new TextDecoder().decode(bytes));
      expect(answer.partialSuccess.rejectedSpans).toBe("1");
      expect(answer.partialSuccess.errorMessage).toMatch(/1 span\(s\) rejected: span [0-9a-f]{16} \(chat\) has no user message/);
      expect((await projectRows(project)).map((i) => i.prompt)).toEqual(["a real question"]);
    }
  });

  it("answers a fully stored export with an empty ExportTraceServiceResponse", async () => {
    const rec = spanRecorder({ "service.name": uid("otlp-ok") });
    rec.trace({ name: "chat", attributes: currentChat("q", "a") });
    const res = await apiFetch("/v1/traces", { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.from(JsonTraceSerializer.serializeRequest(rec.spans())!) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it("refuses bad requests as OTLP/HTTP says: 400 with a google.rpc.Status, 415; other methods 405, no token 401", async () => {
    const bad = await apiFetch("/v1/traces", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 3, message: expect.stringMatching(/not valid JSON/) });

    const badProto = await apiFetch("/v1/traces", { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]) });
    expect(badProto.status).toBe(400);
    expect(badProto.headers.get("content-type")).toBe("application/x-protobuf");
    const status = Buffer.from(await badProto.arrayBuffer());
    expect(status[0]).toBe(0x08); // google.rpc.Status.code, field 1
    expect(status[1]).toBe(3); // INVALID_ARGUMENT
    expect(status.toString("utf8")).toMatch(/not a protobuf ExportTraceServiceRequest/);

    const wrongType = await apiFetch("/v1/traces", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    expect(wrongType.status).toBe(415);

    const get = await apiFetch("/v1/traces");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");

    const noToken = await apiFetch("/v1/traces", { method: "POST", auth: false, headers: { "content-type": "application/json" }, body: "{}" });
    expect(noToken.status).toBe(401);
  });
});
