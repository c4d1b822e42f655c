import root from "@opentelemetry/otlp-transformer/build/src/generated/root";

// The OTLP trace service's messages as the OpenTelemetry JS project compiles them for
// protobufjs (static decoders and encoders). Its typings describe the root only as a protobufjs
// Root, so the two messages used here are typed by hand.

type MessageType = {
  decode(bytes: Uint8Array): object;
  toObject(message: object, options: { longs: StringConstructor; enums: NumberConstructor; bytes: StringConstructor }): unknown;
  encode(message: object): { finish(): Uint8Array };
};
type TraceServiceV1 = Record<"ExportTraceServiceRequest" | "ExportTraceServiceResponse", MessageType>;

const v1 = (root as unknown as { opentelemetry: { proto: { collector: { trace: { v1: TraceServiceV1 } } } } }).opentelemetry.proto.collector
  .trace.v1;

export const ExportTraceServiceRequest = v1.ExportTraceServiceRequest;
export const ExportTraceServiceResponse = v1.ExportTraceServiceResponse;
