import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import type { Body } from "./data";

// The rows a capture stores (the interaction and one row per distinct used id), written with
// plain prepared statements: the bench's references and its seeder, never the app.

/** A capture body with its pack already serialised as JSON text. */
export type RowFields = Omit<Body, "context_pack"> & { context_pack: string };

/** Returns a function that inserts one interaction and its used ids (call it inside a transaction). */
export function rowInserter(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
       memories_used, chunks_used, context_pack, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  );
  const insertUse = db.prepare("INSERT OR IGNORE INTO interaction_uses (interaction_seq, kind, item_id, created_at) VALUES (?, ?, ?, ?)");
  return (row: RowFields, createdAt: number): string => {
    const id = row.id ?? randomUUID();
    const { seq } = insert.get(
      id, row.prompt, row.response, row.response_summary, row.project, row.client, row.session_id,
      JSON.stringify(row.memories_used), JSON.stringify(row.chunks_used), row.context_pack, createdAt,
    ) as { seq: number };
    for (const m of new Set(row.memories_used)) insertUse.run(seq, "memory", m, createdAt);
    for (const c of new Set(row.chunks_used)) insertUse.run(seq, "chunk", c, createdAt);
    return id;
  };
}
