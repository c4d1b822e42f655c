import type { InteractionRecord } from "@/lib/interactions/schema";

/**
 * An interactions row as read by Prisma (Date) or by better-sqlite3 (ms). The JSON columns are
 * text on SQLite and jsonb on PostgreSQL, which arrives already parsed.
 */
export type InteractionRow = {
  seq: number | bigint;
  id: string;
  prompt: string;
  response: string | null;
  response_summary: string | null;
  project: string | null;
  client: string | null;
  session_id: string | null;
  memories_used: JsonColumn;
  chunks_used: JsonColumn;
  context_pack: JsonColumn;
  created_at: Date | number | bigint;
  response_added_at?: Date | number | bigint | null;
  occurred_at?: Date | number | bigint | null;
};

type JsonColumn = string | number | boolean | object | null;

/** A JSON column's value: SQLite's text parsed, PostgreSQL's jsonb as it came; corrupt text is undefined. */
function jsonValue(raw: JsonColumn): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

// Rows written by other tools may hold corrupt JSON: they read back as [] / {}, never an
// error, exactly as the reference's _safe_json_list / _safe_json_dict do.
export function safeJsonList(raw: JsonColumn): string[] {
  const value = jsonValue(raw);
  return Array.isArray(value) ? value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : [];
}

export function safeJsonObject(raw: JsonColumn): Record<string, unknown> {
  const value = jsonValue(raw);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Rows read by `WHERE seq IN (...)`, put in the order of `seqs`. */
export function inSeqOrder<T extends { seq: number | bigint }>(rows: T[], seqs: readonly number[]): T[] {
  const place = new Map(seqs.map((seq, i) => [seq, i]));
  return rows.sort((a, b) => place.get(Number(a.seq))! - place.get(Number(b.seq))!);
}

export function createdAtMs(value: Date | number | bigint): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

export function toInteractionRecord(row: InteractionRow): InteractionRecord {
  return {
    id: row.id,
    prompt: row.prompt,
    response: row.response ?? "",
    response_summary: row.response_summary ?? "",
    project: row.project ?? "",
    client: row.client ?? "",
    session_id: row.session_id ?? "",
    memories_used: safeJsonList(row.memories_used),
    chunks_used: safeJsonList(row.chunks_used),
    context_pack: safeJsonObject(row.context_pack),
    created_at: new Date(createdAtMs(row.created_at)).toISOString(),
    response_added_at:
      row.response_added_at == null ? null : new Date(createdAtMs(row.response_added_at)).toISOString(),
    occurred_at: row.occurred_at == null ? null : new Date(createdAtMs(row.occurred_at)).toISOString(),
  };
}
