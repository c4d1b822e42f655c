import type { AnyValueJson, KeyValueJson } from "@/lib/otlp/otlp-request-schema";

/** An OTLP AnyValue as the JSON value it stands for (an integer beyond 2^53 stays text). */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

export function plainValue(v: AnyValueJson | undefined): Plain {
  if (!v) return null;
  if ("arrayValue" in v) return (v.arrayValue.values ?? []).map(plainValue);
  if ("kvlistValue" in v) return attributeObject(v.kvlistValue.values ?? []);
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : v.intValue;
  }
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.bytesValue !== undefined) return v.bytesValue;
  return null;
}

/** Attributes (key-value lists) as one object; a repeated key keeps its last value. */
export function attributeObject(list: readonly KeyValueJson[]): Record<string, Plain> {
  const out: Record<string, Plain> = Object.create(null);
  for (const { key, value } of list) out[key] = plainValue(value);
  return out;
}
