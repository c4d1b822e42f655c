import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { inTransaction, type TestDb } from "./open-db";

/** An interaction written straight into the table, as another tool would; what is left out gets a plain default. */
export type DirectRow = {
  id?: string;
  prompt?: string;
  response?: string;
  response_summary?: string;
  project?: string;
  client?: string;
  session_id?: string;
  /** JSON text (PostgreSQL's jsonb takes only valid JSON). */
  memories_used?: string;
  chunks_used?: string;
  context_pack?: string;
  /** epoch ms */
  created_at: number;
};

export type InsertedRow = { id: string; seq: number };

/** Inserts the rows in one transaction of db, in order; returns their ids and capture order (seq). */
export function insertRows(db: TestDb, rows: DirectRow[]): Promise<InsertedRow[]> {
  return inTransaction(db, async () => {
    const out: InsertedRow[] = [];
    for (const r of rows) {
      const id = r.id ?? randomUUID();
      const [{ seq }] = await db.all<{ seq: number }>(Prisma.sql`
        INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
          memories_used, chunks_used, context_pack, created_at)
        VALUES (${id}, ${r.prompt ?? "p"}, ${r.response ?? ""}, ${r.response_summary ?? ""}, ${r.project ?? ""},
          ${r.client ?? ""}, ${r.session_id ?? ""}, ${r.memories_used ?? "[]"}, ${r.chunks_used ?? "[]"},
          ${r.context_pack ?? "{}"}, ${new Date(r.created_at)})
        RETURNING seq`);
      out.push({ id, seq });
    }
    return out;
  });
}
