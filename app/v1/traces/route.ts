import { otherMethods } from "@/lib/api/other-methods";
import { route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { decodeTraceRequest, otlpFormat, type OtlpFormat } from "@/lib/otlp/decode-traces";
import { ingestTraces, rejectionMessage } from "@/lib/otlp/ingest-traces";
import { exportAnswer, failureAnswer } from "@/lib/otlp/otlp-response";

// OTLP/HTTP traces (the path exporters append to OTEL_EXPORTER_OTLP_ENDPOINT). Token and scope
// are checked by route() like any capture; past that, answers follow OTLP/HTTP: 200 with an
// ExportTraceServiceResponse, or the error's status with a google.rpc.Status, in the request's
// encoding (JSON when the encoding itself is refused).
export const POST = route("capture", async (req) => {
  let format: OtlpFormat = "json";
  try {
    format = otlpFormat(req);
    const { rejected } = await ingestTraces(await decodeTraceRequest(req, format));
    return exportAnswer(format, rejected.length, rejectionMessage(rejected));
  } catch (err) {
    if (err instanceof AppError) return failureAnswer(format, err);
    throw err;
  }
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
