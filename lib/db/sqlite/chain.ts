import type Database from "better-sqlite3";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { chainOnto, GENESIS, parseFields, type CompletableField, type LinkContent } from "@/lib/audit/canonical-content";

// Appends links to the tamper-evidence chain on SQLite. Each call must run inside the write
// transaction that stores what the links cover, so rows and links commit together; SQLite's
// IMMEDIATE transactions take the one write lock first, so two writers can never chain onto
// the same previous link. The PostgreSQL twin is lib/db/postgres/chain.ts.

type Statements = {
  head: Database.Statement<[], { hash: string }>;
  insert: Database.Statement<[string, string, string, string, string, string, number]>;
  completions: Database.Statement<[string], string>;
};

const prepared = perConnection(
  (db): Statements => ({
    head: db.prepare("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1"),
    insert: db.prepare(
      `INSERT INTO audit_chain (kind, interaction_id, fields, content_hash, prev_hash, hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    completions: db.prepare<[string], string>("SELECT fields FROM audit_chain WHERE interaction_id = ? AND kind = 'completion'").pluck(),
  }),
);

/** Chains the links of one transaction: the head is read once, the links computed in memory. */
export function appendLinks(db: Database.Database, contents: readonly LinkContent[]): void {
  if (contents.length === 0) return;
  const s = prepared(db);
  for (const l of chainOnto(s.head.get()?.hash ?? GENESIS, contents)) {
    s.insert.run(l.kind, l.interactionId, l.fields, l.contentHash, l.prevHash, l.hash, l.at);
  }
}

/**
 * The fields completions added to an interaction: they were empty when it was captured, so a
 * retried capture is compared with them empty.
 */
export function completedFields(db: Database.Database, interactionId: string): CompletableField[] {
  return prepared(db).completions.all(interactionId).flatMap(parseFields);
}
