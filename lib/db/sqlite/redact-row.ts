import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { ChainedRow } from "@/lib/audit/canonical-content";
import { appendLinks, completedFields } from "@/lib/db/sqlite/chain";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import type { RedactInput } from "@/lib/db/contract/redactions";
import { reindexInteraction } from "@/lib/db/sqlite/reindex-interaction";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { NotFoundError } from "@/lib/errors";
import { planRedaction } from "@/lib/redactions/plan-redaction";

// Redactions on SQLite: the write job (lib/db/write-jobs.ts), one transaction with the row's
// update (its triggers rewrite the search index, reindexInteraction the memory audit's item
// index), the record and the link.

const COLUMNS = ["prompt", "response", "response_summary", "context_pack"] as const;

const prepared = perConnection((db: Database.Database) => ({
  row: db.prepare<[string], ChainedRow & { seq: number }>(
    `SELECT seq, id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used,
            context_pack, created_at, response_added_at, occurred_at FROM interactions WHERE id = ?`,
  ),
  capture: db.prepare<[string], { fields: string; content_hash: string }>(
    "SELECT fields, content_hash FROM audit_chain WHERE interaction_id = ? AND kind = 'capture' ORDER BY seq LIMIT 1",
  ),
  records: db.prepare<[string], RedactionRecord>("SELECT * FROM interaction_redactions WHERE interaction_id = ?"),
  insert: db.prepare(
    `INSERT INTO interaction_redactions (id, interaction_id, pointer, reason, digest, author, created_at, base)
     VALUES (@id, @interaction_id, @pointer, @reason, @digest, @author, @created_at, @base)`,
  ),
  update: Object.fromEntries(COLUMNS.map((c) => [c, db.prepare<[string, string]>(`UPDATE interactions SET ${c} = ? WHERE id = ?`)])),
}));

/** The body of the redaction's transaction on `db`. */
export function redactRow(db: Database.Database, input: RedactInput): RedactionRecord {
  const s = prepared(db);
  const row = s.row.get(input.interactionId);
  if (!row) throw new NotFoundError(`No interaction with id ${input.interactionId}`);
  const target = { row, capture: s.capture.get(row.id) ?? null, completed: completedFields(db, row.id), records: s.records.all(row.id) };
  const plan = planRedaction(target, input, randomUUID(), Date.now());
  s.update[plan.column].run(plan.value, row.id);
  if (plan.column === "context_pack") reindexInteraction(db, row, plan.value);
  s.insert.run(plan.record);
  appendLinks(db, [plan.link]);
  return plan.record;
}

