import type { InteractionRecord } from "@/lib/interactions/schema";

/** An interactions row as read from SQLite, by Prisma (Date) or by better-sqlite3 (ms). */
export type InteractionRow = {
  seq: number | bigint;
  id: string;
  prompt: string;
  response: string | null;
  response_summary: string | null;
  project: string | null;
  client: string | null;
  session_id: string | null;
  memories_used: string | null;
  chunks_used: string | null;
  context_pack: string | null;
  created_at: Date | number | bigint;
  response_added_at?: Date | number | bigint | null;
};

// Rows written by other tools may hold corrupt JSON: they read back as [] / {}, never an
// error, exactly as the reference's _safe_json_list / _safe_json_dict do.
export function safeJsonList(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : [];
  } catch {
    return [];
  }
}

export function safeJsonObject(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
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
  };
}
