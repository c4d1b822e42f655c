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

/** A turn with its pack and lists as values, as a DirectRow (client "c" when it names none). */
export function directRowOf(t: { project: string; client?: string; memories_used: unknown; chunks_used: unknown; context_pack: unknown; created_at: number } & Partial<Record<"id" | "prompt" | "response" | "response_summary" | "session_id", string>>): DirectRow {
  return {
    id: t.id,
    prompt: t.prompt,
    response: t.response,
    response_summary: t.response_summary,
    session_id: t.session_id,
    project: t.project,
    client: t.client ?? "c",
    memories_used: JSON.stringify(t.memories_used),
    chunks_used: JSON.stringify(t.chunks_used),
    context_pack: JSON.stringify(t.context_pack),
    created_at: t.created_at,
  };
}

// Big seeds commit in slices so that no one transaction holds SQLite's write lock for long while
// other test files (and the server they share) wait to write.
const ROWS_PER_TRANSACTION = 200;

/** Inserts the rows in order, in transactions of up to ROWS_PER_TRANSACTION; returns their ids and capture order (seq). */
export async function insertRows(db: TestDb, rows: DirectRow[]): Promise<InsertedRow[]> {
  const out: InsertedRow[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_TRANSACTION) {
    out.push(...(await insertChunk(db, rows.slice(start, start + ROWS_PER_TRANSACTION))));
  }
  return out;
}

function insertChunk(db: TestDb, rows: DirectRow[]): Promise<InsertedRow[]> {
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

/** The item uses (interaction_uses) of rows inserted by insertRows, as the write path records them: one per distinct id. */
export async function insertItemUses(db: TestDb, seeded: InsertedRow[], rows: DirectRow[]): Promise<void> {
  const ids = (json: string | undefined) => [...new Set(JSON.parse(json ?? "[]") as string[])];
  await inTransaction(db, async () => {
    for (const [i, r] of rows.entries()) {
      const uses = ids(r.memories_used).map((m) => ["memory", m]).concat(ids(r.chunks_used).map((c) => ["chunk", c]));
      for (const [kind, item] of uses) {
        await db.run(Prisma.sql`INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at)
          VALUES (${seeded[i].seq}, ${kind}, ${item}, ${new Date(r.created_at)})`);
      }
    }
  });
}
