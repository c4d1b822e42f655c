import { declaredLength, JSON_TYPE, parseJsonBytes, readBodyBytes } from "@/lib/api/body";
import { parseOrThrow } from "@/lib/api/route";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { ExportTraceServiceRequest } from "@/lib/otlp/otlp-proto";
import { ExportTraceRequestSchema, type ExportTraceRequest } from "@/lib/otlp/otlp-request-schema";

// OTLP/HTTP's two encodings of an ExportTraceServiceRequest, gzip-compressed or not. The
// protobuf one is decoded by the OpenTelemetry project's own protobufjs code, then turned into
// the JSON encoding's shape (ids as hex) so that one schema and one mapping read both.

export type OtlpFormat = "protobuf" | "json";

const PROTOBUF_TYPE = /^application\/x-protobuf\s*(?:;|$)/i;

/** The body's encoding from its Content-Type; anything else is 415. */
export function otlpFormat(req: Request): OtlpFormat {
  const type = req.headers.get("content-type") ?? "";
  if (PROTOBUF_TYPE.test(type)) return "protobuf";
  if (JSON_TYPE.test(type)) return "json";
  throw new AppError("unsupported_media_type", "Send OTLP traces as application/x-protobuf or application/json");
}

/**
 * The request's bytes, inflated when Content-Encoding is gzip. The size cap applies to the
 * inflated bytes as they stream, so a small compressed body cannot expand past it.
 */
async function readOtlpBytes(req: Request): Promise<Buffer> {
  const maxBytes = config().MAX_BODY_BYTES;
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return readBodyBytes(req.body, declaredLength(req), maxBytes);
  if (encoding !== "gzip") throw new AppError("unsupported_media_type", `Content-Encoding ${encoding} is not supported; send gzip or none`);
  if (!req.body) return Buffer.alloc(0);
  try {
    return await readBodyBytes(req.body.pipeThrough(new DecompressionStream("gzip")), NaN, maxBytes);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("invalid_body", "The body is not valid gzip");
  }
}

function hexOfBase64(v: unknown): unknown {
  return typeof v === "string" ? Buffer.from(v, "base64").toString("hex") : v;
}

function protobufRequest(bytes: Uint8Array): unknown {
  let message;
  try {
    message = ExportTraceServiceRequest.decode(bytes);
  } catch (err) {
    throw new AppError("invalid_body", `The body is not a protobuf ExportTraceServiceRequest: ${(err as Error).message}`);
  }
  const request = ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, bytes: String }) as {
    resourceSpans?: { scopeSpans?: { spans?: Record<string, unknown>[] }[] }[];
  };
  for (const rs of request.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? []) {
        span.traceId = hexOfBase64(span.traceId);
        span.spanId = hexOfBase64(span.spanId);
        if (span.parentSpanId !== undefined) span.parentSpanId = hexOfBase64(span.parentSpanId);
      }
  return request;
}

/** Reads and decodes an export request (415 for other media types, 413 over the limit, 400 when malformed). */
export async function decodeTraceRequest(req: Request, format: OtlpFormat): Promise<ExportTraceRequest> {
  const bytes = await readOtlpBytes(req);
  const body = format === "protobuf" ? protobufRequest(bytes) : parseJsonBytes(bytes);
  return parseOrThrow(ExportTraceRequestSchema, body, "ExportTraceServiceRequest");
}
