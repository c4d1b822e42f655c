import type pg from "pg";
import { randomUUID } from "node:crypto";
import type { RowFields } from "./insert-rows";

// The PostgreSQL twin of insert-rows.ts: the rows a capture stores (the interaction and one row
// per distinct used id) in ONE statement, so a row costs one round trip and, outside a
// transaction, commits on its own. For the bench's references only, never the app.

const INSERT_ROW = `
  WITH i AS (
    INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
      memories_used, chunks_used, context_pack, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING seq, created_at)
  INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at)
  SELECT i.seq, u.kind, u.item_id, i.created_at FROM i, unnest($12::text[], $13::text[]) AS u(kind, item_id)
  ON CONFLICT DO NOTHING`;

/** Returns a function that stores one interaction and its used ids on `client`. */
export function pgRowInserter(client: pg.ClientBase | pg.Pool) {
  return async (row: RowFields, createdAt: number): Promise<string> => {
    const id = randomUUID();
    const kinds = [...row.memories_used.map(() => "memory"), ...row.chunks_used.map(() => "chunk")];
    await client.query({
      name: "bench_insert_row",
      text: INSERT_ROW,
      values: [
        id, row.prompt, row.response, row.response_summary, row.project, row.client, row.session_id,
        JSON.stringify(row.memories_used), JSON.stringify(row.chunks_used), row.context_pack, new Date(createdAt),
        kinds, [...row.memories_used, ...row.chunks_used],
      ],
    });
    return id;
  };
}
