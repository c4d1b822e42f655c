import { z } from "zod";

// An ExportTraceServiceRequest in OTLP's JSON encoding (proto3 JSON mapping, camelCase names,
// trace and span ids as hex, 64-bit integers as strings or numbers, enums as integers). Fields
// this server does not read are ignored, as OTLP asks of receivers; the protobuf encoding is
// turned into the same shape (decode-traces.ts), so one schema reads both.

const int64 = z.union([z.string().regex(/^-?\d+$/, "not an integer"), z.number().int()]).transform(String);

export type AnyValueJson =
  | { stringValue?: string; boolValue?: boolean; intValue?: string; doubleValue?: number; bytesValue?: string }
  | { arrayValue: { values?: AnyValueJson[] } }
  | { kvlistValue: { values?: KeyValueJson[] } };
export type KeyValueJson = { key: string; value?: AnyValueJson };

// AnyValue nests (arrays of key-value lists of arrays ...); zod's lazy schemas follow it.
const anyValue: z.ZodType<AnyValueJson> = z.lazy(() =>
  z.union([
    z.object({ arrayValue: z.object({ values: z.array(anyValue).optional() }) }),
    z.object({ kvlistValue: z.object({ values: z.array(keyValue).optional() }) }),
    z.object({
      stringValue: z.string().optional(),
      boolValue: z.boolean().optional(),
      intValue: int64.optional(),
      doubleValue: z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"]).transform(Number)]).optional(),
      bytesValue: z.string().optional(),
    }),
  ]),
);
const keyValue: z.ZodType<KeyValueJson> = z.lazy(() => z.object({ key: z.string(), value: anyValue.optional() }));

const attributes = z.array(keyValue).default([]);
const hexId = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `must be ${bytes} bytes in hex`)
    .transform((s) => s.toLowerCase());

/** One span; each is read on its own, so that a malformed span refuses only itself. */
export const OtlpSpanSchema = z.object({
  traceId: hexId(16),
  spanId: hexId(8),
  parentSpanId: z.union([hexId(8), z.literal("")]).optional(),
  name: z.string().default(""),
  startTimeUnixNano: int64.default("0"),
  attributes,
  events: z.array(z.object({ name: z.string().default(""), timeUnixNano: int64.optional(), attributes })).default([]),
});

export const ExportTraceRequestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).optional(),
        scopeSpans: z.array(z.object({ spans: z.array(z.unknown()).default([]) })).default([]),
      }),
    )
    .default([]),
});
export type ExportTraceRequest = z.output<typeof ExportTraceRequestSchema>;
export type OtlpSpanJson = z.output<typeof OtlpSpanSchema>;
