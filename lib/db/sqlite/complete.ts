import type Database from "better-sqlite3";
import { completionLink } from "@/lib/audit/canonical-content";
import { appendLinks } from "@/lib/db/sqlite/chain";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { noSuchInteraction, planCompletion, type CompleteResult } from "@/lib/interactions/completion-plan";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { CompletionInput } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

// Completions on SQLite: the body of the write transaction, run by the write thread
// (lib/db/sqlite/write-thread.ts) inside a transaction of its own. The PostgreSQL twin is lib/db/postgres/complete.ts.

type Statements = {
  byId: Database.Statement<[string], InteractionRow & { seq: number; response_added_at: number | null }>;
  update: Database.Statement<[string, string, number, number | bigint]>;
};
const prepared = perConnection(
  (db): Statements => ({
    byId: db.prepare("SELECT * FROM interactions WHERE id = ?"),
    update: db.prepare("UPDATE interactions SET response = ?, response_summary = ?, response_added_at = ? WHERE seq = ?"),
  }),
);

/**
 * Fills the row's empty fields and chains the completion; a missing row or a conflicting value
 * is thrown (an AppError) before anything is written. Its link is computed from the values
 * written (stored verbatim).
 */
export function completeRow(db: Database.Database, { id, input }: { id: string; input: CompletionInput }): CompleteResult {
  const s = prepared(db);
  const row = s.byId.get(storedId(id));
  if (!row) throw noSuchInteraction(id);
  const { filled, next } = planCompletion(toInteractionRecord(row), input, id);
  if (filled.length === 0) return { status: "unchanged", interaction: toInteractionRecord(row) };
  const now = Date.now();
  const addedAt = row.response_added_at ?? now;
  s.update.run(next.response, next.response_summary, addedAt, row.seq);
  appendLinks(db, [completionLink({ id: row.id, ...next, response_added_at: addedAt }, filled, now)]);
  return { status: "completed", interaction: toInteractionRecord({ ...row, ...next, response_added_at: addedAt }) };
}
