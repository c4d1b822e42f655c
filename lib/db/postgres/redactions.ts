import { randomUUID } from "node:crypto";
import type { ChainedRow } from "@/lib/audit/canonical-content";
import { appendLinks } from "@/lib/db/postgres/chain";
import { parseFields } from "@/lib/audit/canonical-content";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import type { RedactionStore } from "@/lib/db/contract/redactions";
import { reindexInteraction } from "@/lib/db/postgres/reindex-interaction";
import { inWriteTransaction } from "@/lib/db/postgres/write";
import { NotFoundError } from "@/lib/errors";
import { planRedaction } from "@/lib/redactions/plan-redaction";

// Redactions on PostgreSQL: one write transaction holding the write lock (the row cannot change
// between read and update) with the row's update, the record and the link. The row is read as
// the chain covers it (lib/audit/verify-chain.ts): JSON columns as jsonb's text, times in ms.

/** The row as the chain covers it, locked: its $1 is the interaction's id. */
export const CHAINED_ROW = `SELECT id, prompt, response, response_summary, project, client, session_id,
    memories_used::text AS memories_used, chunks_used::text AS chunks_used, context_pack::text AS context_pack,
    (extract(epoch FROM created_at) * 1000)::bigint AS created_at,
    (extract(epoch FROM response_added_at) * 1000)::bigint AS response_added_at,
    (extract(epoch FROM occurred_at) * 1000)::bigint AS occurred_at
  FROM interactions WHERE id = $1 FOR UPDATE`;
const CAPTURE = "SELECT fields, content_hash FROM audit_chain WHERE interaction_id = $1 AND kind = 'capture' ORDER BY seq LIMIT 1";
export const COMPLETIONS = "SELECT fields FROM audit_chain WHERE interaction_id = $1 AND kind = 'completion'";
export const RECORDS = "SELECT * FROM interaction_redactions WHERE interaction_id = $1";
export const INSERT_RECORD = `INSERT INTO interaction_redactions (id, interaction_id, pointer, reason, digest, author, created_at, base)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const UPDATE = {
  prompt: "UPDATE interactions SET prompt = $1 WHERE id = $2",
  response: "UPDATE interactions SET response = $1 WHERE id = $2",
  response_summary: "UPDATE interactions SET response_summary = $1 WHERE id = $2",
  context_pack: "UPDATE interactions SET context_pack = $1::jsonb WHERE id = $2",
} as const;

export const postgresRedactions: RedactionStore = {
  redact: (input) =>
    inWriteTransaction(async (client) => {
      const [row] = (await client.query<ChainedRow>(CHAINED_ROW, [input.interactionId])).rows;
      if (!row) throw new NotFoundError(`No interaction with id ${input.interactionId}`);
      const [capture] = (await client.query<{ fields: string; content_hash: string }>(CAPTURE, [row.id])).rows;
      const completions = (await client.query<{ fields: string }>(COMPLETIONS, [row.id])).rows;
      const records = (await client.query<RedactionRecord>(RECORDS, [row.id])).rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
      const target = { row, capture: capture ?? null, completed: completions.flatMap((c) => parseFields(c.fields)), records };
      // The database's clock, as a capture's and a completion's time.
      const now = Number((await client.query<{ ms: number }>("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms")).rows[0].ms);
      const plan = planRedaction(target, input, randomUUID(), now);
      await client.query(UPDATE[plan.column], [plan.value, row.id]);
      if (plan.column === "context_pack") await reindexInteraction(client, row.id);
      const r = plan.record;
      await client.query(INSERT_RECORD, [r.id, r.interaction_id, r.pointer, r.reason, r.digest, r.author, r.created_at, r.base]);
      await appendLinks(client, [plan.link]);
      return plan.record;
    }),
};
