import Database from "better-sqlite3";
import type { SourceRecord } from "@/lib/import/import-records";
import { safeJsonList, safeJsonObject } from "@/lib/interactions/row";

// The columns of the reference module's `interactions` table (interactions.py).
const COLUMNS = [
  "id",
  "prompt",
  "context_pack",
  "response_summary",
  "response",
  "memories_used",
  "chunks_used",
  "client",
  "session_id",
  "project",
  "created_at",
] as const;

type AtoCoreRow = { rowid: number } & Record<(typeof COLUMNS)[number], string | null>;

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/**
 * An AtoCore database, opened read-only. Each row is read the way the reference reads it:
 * NULL text is '', corrupt or mistyped JSON lists and packs are [] and {} (_safe_json_list,
 * _safe_json_dict), created_at is its 'YYYY-MM-DD HH:MM:SS' UTC text. Rows are numbered by
 * rowid in reports.
 */
export function openAtoCore(file: string): { count: number; records: () => Generator<SourceRecord>; close: () => void } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const present = new Set((db.pragma("table_info(interactions)") as { name: string }[]).map((c) => c.name));
    const missing = COLUMNS.filter((c) => !present.has(c));
    if (present.size === 0) throw new Error(`${file} has no interactions table`);
    if (missing.length > 0) throw new Error(`${file}: the interactions table lacks column(s) ${missing.join(", ")}`);
  } catch (err) {
    db.close();
    throw err;
  }
  const count = (db.prepare("SELECT count(*) AS n FROM interactions").get() as { n: number }).n;
  function* records(): Generator<SourceRecord> {
    const rows = db.prepare(`SELECT rowid, ${COLUMNS.join(", ")} FROM interactions ORDER BY rowid`).iterate() as Iterable<AtoCoreRow>;
    for (const r of rows) {
      yield {
        line: r.rowid,
        // The row's text as stored, about what the record weighs as a JSON body.
        bytes: COLUMNS.reduce((sum, c) => sum + Buffer.byteLength(text(r[c])), 0),
        value: {
          id: text(r.id),
          prompt: text(r.prompt),
          response: text(r.response),
          response_summary: text(r.response_summary),
          project: text(r.project),
          client: text(r.client),
          session_id: text(r.session_id),
          memories_used: safeJsonList(r.memories_used),
          chunks_used: safeJsonList(r.chunks_used),
          context_pack: safeJsonObject(r.context_pack),
          created_at: text(r.created_at),
        },
      };
    }
  }
  return { count, records, close: () => db.close() };
}
