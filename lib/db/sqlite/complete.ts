import type Database from "better-sqlite3";
import type { ChainedRow } from "@/lib/audit/canonical-content";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import { appendLinks, completedFields } from "@/lib/db/sqlite/chain";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { completedTurn, noSuchInteraction, planCompletion, type CompleteResult } from "@/lib/interactions/completion-plan";
import type { InteractionRow } from "@/lib/interactions/row";
import type { CompletionInput } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";
import type { SecretRedaction } from "@/lib/redactions/redact-secrets";
import { completionLinks, secretsFilled } from "@/lib/redactions/secret-records";

// Completions on SQLite: the body of the write transaction, run by the write thread
// (lib/db/sqlite/write-thread.ts) inside a transaction of its own. The PostgreSQL twin is lib/db/postgres/complete.ts.

type Statements = {
  // SELECT * on SQLite is the chain's form of the row too (JSON as text, times in epoch ms).
  byId: Database.Statement<[string], InteractionRow & ChainedRow & { seq: number; response_added_at: number | null }>;
  update: Database.Statement<[string, string, number, number | bigint]>;
  records: Database.Statement<[string], RedactionRecord>;
  insertRedaction: Database.Statement<[RedactionRecord]>;
};
const prepared = perConnection(
  (db): Statements => ({
    byId: db.prepare("SELECT * FROM interactions WHERE id = ?"),
    update: db.prepare("UPDATE interactions SET response = ?, response_summary = ?, response_added_at = ? WHERE seq = ?"),
    records: db.prepare("SELECT * FROM interaction_redactions WHERE interaction_id = ?"),
    insertRedaction: db.prepare(
      `INSERT INTO interaction_redactions (id, interaction_id, pointer, reason, digest, author, created_at, base)
       VALUES (@id, @interaction_id, @pointer, @reason, @digest, @author, @created_at, @base)`,
    ),
  }),
);

/**
 * Fills the row's empty fields and chains the completion; a missing row or a conflicting value
 * is thrown (an AppError) before anything is written. Its link is computed from the values
 * written (stored verbatim).
 */
export function completeRow(db: Database.Database, { id, input, secrets }: { id: string; input: CompletionInput; secrets?: readonly SecretRedaction[] }): CompleteResult {
  const s = prepared(db);
  const row = s.byId.get(storedId(id));
  if (!row) throw noSuchInteraction(id);
  const { filled, next } = planCompletion(completedTurn(row), input, id);
  if (filled.length === 0) return { status: "unchanged", interaction: completedTurn(row) };
  const now = Date.now();
  const addedAt = row.response_added_at ?? now;
  const stored = { ...row, ...next, response_added_at: addedAt };
  const mine = secretsFilled(filled, secrets);
  const state = mine.length ? { row: stored, completed: completedFields(db, row.id), records: s.records.all(row.id) } : undefined;
  s.update.run(next.response, next.response_summary, addedAt, row.seq);
  const done = completionLinks(stored, filled, now, mine, state);
  for (const record of done.records) s.insertRedaction.run(record);
  appendLinks(db, done.links);
  return { status: "completed", interaction: completedTurn(stored), ...(mine.length ? { secrets: mine } : {}) };
}
