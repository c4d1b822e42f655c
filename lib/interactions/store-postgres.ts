import type pg from "pg";
import { captureLink, parseFields, type LinkContent } from "@/lib/audit/canonical-content";
import { appendLinks } from "@/lib/audit/chain-postgres";
import { inWriteTransaction } from "@/lib/db/postgres-write";
import { newRecord, notStored, retriedOutcome, type RecordOutcome, type StoreRow } from "@/lib/interactions/capture-outcome";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";

// Captures on PostgreSQL, the twin of store-sqlite.ts: one transaction per request holding the
// write lock (lib/db/postgres-write.ts), through the pool directly (Prisma's per-query cost is
// what the SQLite path avoids too), a handful of statements whatever the number of rows.

// The rows already stored under the request's ids, with the fields completions filled later.
const EXISTING = `SELECT i.*, (SELECT string_agg(c.fields, ',') FROM audit_chain c
                                WHERE c.interaction_id = i.id AND c.kind = 'completion') AS completed
  FROM interactions i WHERE i.id = ANY($1::text[])`;

// Every new row in one statement, in the request's order (seq follows ORDER BY n). RETURNING
// gives what the link must cover as stored: jsonb normalises JSON (key order, spacing), so the
// JSON columns come back as jsonb's text, and created_at as epoch ms, exactly as the verifier
// reads them (lib/audit/verify-chain.ts). Text columns are stored verbatim (UTF-8 database; the
// schema refuses U+0000 and unpaired surrogates), so they need not come back.
const INSERT = `INSERT INTO interactions (id, prompt, response, response_summary, project, client,
    session_id, memories_used, chunks_used, context_pack, created_at)
  SELECT id, prompt, response, response_summary, project, client, session_id,
         memories_used, chunks_used, context_pack, to_timestamp(created_ms / 1000.0)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
              $8::jsonb[], $9::jsonb[], $10::jsonb[], $11::float8[])
       WITH ORDINALITY AS r(id, prompt, response, response_summary, project, client, session_id,
                            memories_used, chunks_used, context_pack, created_ms, n)
  ORDER BY n
  RETURNING seq, id, memories_used::text, chunks_used::text, context_pack::text,
            (extract(epoch FROM created_at) * 1000)::bigint AS created_at`;

const INSERT_USES = `INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at)
  SELECT seq, kind, item_id, to_timestamp(created_ms / 1000.0)
  FROM unnest($1::int[], $2::text[], $3::text[], $4::float8[]) AS u(seq, kind, item_id, created_ms)
  ON CONFLICT DO NOTHING`;

type StoredJson = { seq: number; id: string; memories_used: string; chunks_used: string; context_pack: string; created_at: string };

async function existingRows(client: pg.ClientBase, ids: string[]): Promise<Map<string, { record: InteractionRecord; completed: string[] }>> {
  const found = new Map<string, { record: InteractionRecord; completed: string[] }>();
  if (ids.length === 0) return found;
  const { rows } = await client.query<InteractionRow & { completed: string | null }>({ name: "atocore_existing", text: EXISTING, values: [ids] });
  for (const row of rows) found.set(row.id, { record: toInteractionRecord(row), completed: parseFields(row.completed ?? "") });
  return found;
}

async function insertRows(client: pg.ClientBase, records: InteractionRecord[], createdAt: number[]): Promise<StoredJson[]> {
  const column = <K extends keyof InteractionRecord>(k: K) => records.map((r) => r[k]);
  const json = <K extends "memories_used" | "chunks_used" | "context_pack">(k: K) => records.map((r) => JSON.stringify(r[k]));
  const { rows } = await client.query<StoredJson>({
    name: "atocore_insert_interactions",
    text: INSERT,
    values: [
      column("id"), column("prompt"), column("response"), column("response_summary"), column("project"),
      column("client"), column("session_id"), json("memories_used"), json("chunks_used"), json("context_pack"), createdAt,
    ],
  });
  return rows;
}

async function insertUses(client: pg.ClientBase, stored: StoredJson[], records: InteractionRecord[], createdAt: number[]) {
  const uses: { seq: number[]; kind: string[]; item: string[]; at: number[] } = { seq: [], kind: [], item: [], at: [] };
  stored.forEach((row, k) => {
    const add = (kind: string, items: string[]) => {
      for (const item of new Set(items)) {
        uses.seq.push(row.seq);
        uses.kind.push(kind);
        uses.item.push(item);
        uses.at.push(createdAt[k]);
      }
    };
    add("memory", records[k].memories_used);
    add("chunk", records[k].chunks_used);
  });
  if (uses.seq.length === 0) return;
  await client.query({ name: "atocore_insert_uses", text: INSERT_USES, values: [uses.seq, uses.kind, uses.item, uses.at] });
}

/** Stores rows in ONE transaction, one outcome per row in order; resolves once COMMIT is durable. */
export async function storeOnPostgres(rows: readonly StoreRow[]): Promise<RecordOutcome[]> {
  try {
    return await inWriteTransaction(async (client) => {
      // Taken once the lock is held: one instant for the whole transaction, as on SQLite.
      const now = Date.now();
      const existing = await existingRows(client, [...new Set(rows.flatMap((r) => (r.input.id ? [r.input.id] : [])))]);
      const created: InteractionRecord[] = [];
      const createdAt: number[] = [];
      // Earlier items of the same request count as stored.
      const createdNow = new Map<string, InteractionRecord>();
      const outcomes = rows.map((r): RecordOutcome => {
        const id = r.input.id;
        const before = id === undefined ? undefined : existing.get(id);
        if (before) return retriedOutcome(before.record, before.completed, r.input);
        const earlier = id === undefined ? undefined : createdNow.get(id);
        if (earlier) return retriedOutcome(earlier, [], r.input);
        const record = newRecord(r.input, r.createdAt ?? now);
        createdNow.set(record.id, record);
        created.push(record);
        createdAt.push(r.createdAt ?? now);
        return { status: "created", interaction: record };
      });
      if (created.length === 0) return outcomes;

      const stored = await insertRows(client, created, createdAt);
      // RETURNING's order is not promised: match the rows by id.
      const byId = new Map(stored.map((s) => [s.id, s]));
      const inOrder = created.map((r) => byId.get(r.id)!);
      await insertUses(client, inOrder, created, createdAt);
      const links: LinkContent[] = created.map((r, k) => captureLink({ ...r, ...inOrder[k] }));
      await appendLinks(client, links);
      return outcomes;
    });
  } catch (err) {
    throw notStored(err, rows.length);
  }
}
