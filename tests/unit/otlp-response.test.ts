import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { AppError, RetryLaterError } from "@/lib/errors";
import { decodeTraceRequest } from "@/lib/otlp/decode-traces";
import { rejectionMessage } from "@/lib/otlp/ingest-traces";
import { exportAnswer, failureAnswer } from "@/lib/otlp/otlp-response";
import { ExportTraceServiceResponse } from "@/lib/otlp/otlp-proto";

const decoded = async (res: Response) =>
  ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(new Uint8Array(await res.arrayBuffer())), { longs: String, enums: Number, bytes: String });

describe("OTLP answers", () => {
  it("encodes partial_success in protobuf and JSON, and nothing for a full success", async () => {
    expect(await decoded(exportAnswer("protobuf", 2, "2 span(s) rejected"))).toEqual({ partialSuccess: { rejectedSpans: "2", errorMessage: "2 span(s) rejected" } });
    expect(await decoded(exportAnswer("protobuf", 0, ""))).toEqual({});
    expect(await exportAnswer("json", 1, "why").json()).toEqual({ partialSuccess: { rejectedSpans: "1", errorMessage: "why" } });
    expect(await exportAnswer("json", 0, "").json()).toEqual({});
  });

  it("answers errors as google.rpc.Status with the error's HTTP status, and Retry-After for a 503", async () => {
    const bad = failureAnswer("json", new AppError("invalid_body", "not protobuf"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 3, message: "not protobuf", details: [] });
    const busy = failureAnswer("protobuf", new RetryLaterError("unavailable", "busy", 2));
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("2");
    expect([...new Uint8Array(await busy.arrayBuffer())]).toEqual([0x08, 14, 0x12, 4, ...Buffer.from("busy")]);
  });

  it("names the first rejections and counts the rest", () => {
    const rejected = Array.from({ length: 5 }, (_, i) => ({ spanId: String(i), reason: `reason ${i}` }));
    expect(rejectionMessage(rejected)).toBe("5 span(s) rejected: reason 0; reason 1; reason 2; and 2 more");
    expect(rejectionMessage([])).toBe("");
  });

  it("caps the inflated size of a gzip body (413), however small the compressed one", async () => {
    const bomb = gzipSync(Buffer.alloc(config().MAX_BODY_BYTES + 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const req = new Request("http://x/v1/traces", { method: "POST", headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" }, body: bomb });
    await expect(decodeTraceRequest(req, "protobuf")).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
