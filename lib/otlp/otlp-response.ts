import { Writer } from "protobufjs/minimal";
import { AppError, RetryLaterError, STATUS_BY_CODE } from "@/lib/errors";
import type { OtlpFormat } from "@/lib/otlp/decode-traces";
import { ExportTraceServiceResponse } from "@/lib/otlp/otlp-proto";

// What OTLP/HTTP answers: on success an ExportTraceServiceResponse (with partial_success when
// spans were rejected), on failure a google.rpc.Status, both in the encoding of the request.

const CONTENT_TYPE: Record<OtlpFormat, string> = { protobuf: "application/x-protobuf", json: "application/json" };

// google.rpc.Code for each HTTP status our errors use (the codes gRPC pairs with them).
const RPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 409: 6, 413: 3, 415: 3, 429: 8, 503: 14 };

function answer(format: OtlpFormat, status: number, body: Uint8Array | string, headers: Record<string, string> = {}): Response {
  return new Response(body as BodyInit, { status, headers: { "content-type": CONTENT_TYPE[format], ...headers } });
}

/** 200 with the export's outcome; partial_success only when spans were rejected. */
export function exportAnswer(format: OtlpFormat, rejectedSpans: number, errorMessage: string): Response {
  const partialSuccess = rejectedSpans > 0 ? { rejectedSpans, errorMessage } : undefined;
  if (format === "protobuf") {
    return answer(format, 200, ExportTraceServiceResponse.encode({ partialSuccess }).finish());
  }
  // proto3's JSON mapping writes 64-bit integers as strings.
  const json = partialSuccess ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {};
  return answer(format, 200, JSON.stringify(json));
}

/**
 * A refused export as OTLP/HTTP says: the HTTP status, and a google.rpc.Status body (code,
 * message) in the request's encoding. Status is encoded with protobufjs's writer: it is not
 * among the OTLP messages the transformer package compiles.
 */
export function failureAnswer(format: OtlpFormat, err: AppError): Response {
  const status = STATUS_BY_CODE[err.code];
  const code = RPC_CODE[status] ?? 13;
  const headers: Record<string, string> = err instanceof RetryLaterError ? { "retry-after": String(err.retryAfterSeconds) } : {};
  if (format === "protobuf") {
    const bytes = Writer.create().uint32(8).int32(code).uint32(18).string(err.message).finish();
    return answer(format, status, bytes, headers);
  }
  return answer(format, status, JSON.stringify({ code, message: err.message, details: [] }), headers);
}
