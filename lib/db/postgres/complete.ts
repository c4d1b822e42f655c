import { parseFields, type ChainedRow } from "@/lib/audit/canonical-content";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import { appendLinks } from "@/lib/db/postgres/chain";
import { CHAINED_ROW, COMPLETIONS, INSERT_RECORD, RECORDS } from "@/lib/db/postgres/redactions";
import { inWriteTransaction } from "@/lib/db/postgres/write";
import { completedTurn, completionNotStored, noSuchInteraction, planCompletion, type CompleteResult } from "@/lib/interactions/completion-plan";
import type { InteractionRow } from "@/lib/interactions/row";
import type { CompletionInput } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";
import type { SecretRedaction } from "@/lib/redactions/redact-secrets";
import { completionLinks, secretsFilled, type ChainedState } from "@/lib/redactions/secret-records";

// Completions on PostgreSQL, the twin of lib/db/sqlite/complete.ts, in one
// write transaction holding the write lock, so the row cannot change between read and update.

// Columns named, never *: a named statement that said * would fail on this server once another
// server's migration adds a column ("cached plan must not change result type").
// Not the pack: a completion never changes it, and it may be MBs (the route reads the record after).
const COLUMNS = "i.id, i.seq, i.response, i.response_summary";
const BY_ID = `SELECT ${COLUMNS} FROM interactions i WHERE id = $1`;
// The link covers response_added_at as stored (epoch ms), as the verifier reads it.
// The time is the database's clock, like a capture's (store.ts).
const UPDATE = `UPDATE interactions i SET response = $1, response_summary = $2,
    response_added_at = coalesce(response_added_at, date_trunc('milliseconds', clock_timestamp()))
  WHERE seq = $3
  RETURNING ${COLUMNS}, (extract(epoch FROM response_added_at) * 1000)::bigint AS added_ms,
    floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms`;

export async function completeOnPostgres(id: string, input: CompletionInput, secrets?: readonly SecretRedaction[]): Promise<CompleteResult> {
  try {
    return await inWriteTransaction(async (client): Promise<CompleteResult> => {
      const { rows } = await client.query<InteractionRow & { seq: number }>({ name: "atocore_complete_by_id", text: BY_ID, values: [storedId(id)] });
      const row = rows[0];
      if (!row) throw noSuchInteraction(id);
      const { filled, next } = planCompletion(completedTurn(row), input, id);
      if (filled.length === 0) return { status: "unchanged", interaction: completedTurn(row) };
      const updated = await client.query<InteractionRow & { added_ms: string; now_ms: number }>({
        name: "atocore_complete_update",
        text: UPDATE,
        values: [next.response, next.response_summary, row.seq],
      });
      const stored = updated.rows[0];
      const mine = secretsFilled(filled, secrets);
      let state: ChainedState | undefined;
      if (mine.length) {
        // Read before this completion's links are appended: the fields completed earlier.
        const [chained] = (await client.query<ChainedRow>(CHAINED_ROW, [row.id])).rows;
        const completions = (await client.query<{ fields: string }>(COMPLETIONS, [row.id])).rows;
        const records = (await client.query<RedactionRecord>(RECORDS, [row.id])).rows;
        state = { row: chained, completed: completions.flatMap((c) => parseFields(c.fields)), records };
      }
      const done = completionLinks({ id: row.id, ...next, response_added_at: stored.added_ms }, filled, stored.now_ms, mine, state);
      for (const r of done.records) await client.query(INSERT_RECORD, [r.id, r.interaction_id, r.pointer, r.reason, r.digest, r.author, r.created_at, r.base]);
      await appendLinks(client, done.links);
      return { status: "completed", interaction: completedTurn(stored), ...(mine.length ? { secrets: mine } : {}) };
    });
  } catch (err) {
    throw completionNotStored(err);
  }
}
