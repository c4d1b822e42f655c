import type Database from "better-sqlite3";
import {
  captureContentHash,
  completionContentHash,
  GENESIS,
  linkHash,
  parseFields,
  type ChainedRow,
  type CompletableField,
} from "@/lib/audit/canonical-content";

// Appends links to the tamper-evidence chain. Each call must run inside the write
// transaction that stores what it covers, so a row and its link commit together and two
// writers can never chain onto the same previous link.

type Statements = {
  head: Database.Statement<[], { hash: string }>;
  row: Database.Statement<[string], ChainedRow>;
  insert: Database.Statement<[string, string, string, string, string, string, number]>;
  completions: Database.Statement<[string], string>;
};

const cache = new WeakMap<Database.Database, Statements>();

function prepared(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      head: db.prepare("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1"),
      row: db.prepare("SELECT * FROM interactions WHERE id = ?"),
      insert: db.prepare(
        `INSERT INTO audit_chain (kind, interaction_id, fields, content_hash, prev_hash, hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      completions: db.prepare<[string], string>("SELECT fields FROM audit_chain WHERE interaction_id = ? AND kind = 'completion'").pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

function append(db: Database.Database, kind: string, id: string, fields: string, contentHash: string, at: number) {
  const s = prepared(db);
  const prev = s.head.get()?.hash ?? GENESIS;
  s.insert.run(kind, id, fields, contentHash, prev, linkHash(prev, contentHash), at);
}

function storedRow(db: Database.Database, interactionId: string): ChainedRow {
  const row = prepared(db).row.get(interactionId);
  if (!row) throw new Error(`audit chain: interaction ${interactionId} is not stored in this transaction`);
  return row;
}

/** Chains a capture just inserted (read back, so the link covers exactly what was stored). */
export function appendCapture(db: Database.Database, interactionId: string): void {
  const row = storedRow(db, interactionId);
  append(db, "capture", interactionId, "", captureContentHash(row, new Set()), Number(row.created_at));
}

/** Chains a completion just applied: the fields it filled, with their stored values. */
export function appendCompletion(db: Database.Database, interactionId: string, fields: CompletableField[], at: number): void {
  const row = storedRow(db, interactionId);
  append(db, "completion", interactionId, fields.join(","), completionContentHash(row, fields), at);
}

/**
 * The fields completions added to an interaction: they were empty when it was captured, so a
 * retried capture is compared with them empty.
 */
export function completedFields(db: Database.Database, interactionId: string): CompletableField[] {
  return prepared(db).completions.all(interactionId).flatMap(parseFields);
}
