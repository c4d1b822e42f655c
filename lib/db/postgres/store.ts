import pg from "pg";
import { captureLink, parseFields } from "@/lib/audit/canonical-content";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import { CHAIN_HEAD, chainOntoHead, insertLinksSql } from "@/lib/db/postgres/chain";
import { pgPool } from "@/lib/db/postgres/pool";
import { groupCommit } from "@/lib/db/postgres/group-commit";
import { inWriteTransaction, rolledBackBeforeCommit } from "@/lib/db/postgres/write";
import { Prisma } from "@/lib/generated/prisma/client";
import { newRecord, notStored, retriedOutcome, type RecordOutcome, type StoreRow } from "@/lib/interactions/capture-outcome";
import { occurredAtMs } from "@/lib/interactions/occurred-at";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { secretDigests, secretRecords } from "@/lib/redactions/secret-records";

// Captures on PostgreSQL, the twin of lib/db/sqlite/store.ts: one transaction holding the write lock
// (lib/db/postgres/write.ts) for the requests that queued while the last one ran, through the
// pool directly (Prisma's per-query cost is what the SQLite path avoids too). Every app
// server's writers queue on that lock, so the work done while holding it is kept to three round
// trips whatever the number of rows: the lock with the chain's head and the ids already stored;
// one statement inserting the rows, their interaction_uses and their links; COMMIT.

type JsonText = { memories_used: string; chunks_used: string; context_pack: string };

// What jsonb stores for each row's JSON columns, as text: jsonb normalises JSON (key order,
// spacing, duplicate keys), so a link covers `column::text`, exactly as the verifier reads it
// (lib/audit/verify-chain.ts). Normalising is a pure function of the text, so it is asked for
// before the lock; the rows are then inserted from the same JSON text.
const NORMALISE = `SELECT m::text AS memories_used, c::text AS chunks_used, p::text AS context_pack
  FROM unnest($1::jsonb[], $2::jsonb[], $3::jsonb[]) WITH ORDINALITY AS j(m, c, p, n) ORDER BY n`;

// The rows already stored under the request's ids, with the fields completions filled later.
// Inlined (escaped) to run in the lock's round trip, which takes no parameters.
function existingSql(ids: readonly string[]): string {
  return `SELECT i.*, (SELECT string_agg(c.fields, ',') FROM audit_chain c
                       WHERE c.interaction_id = i.id AND c.kind = 'completion') AS completed
  FROM interactions i WHERE i.id = ANY(ARRAY[${ids.map((id) => pg.escapeLiteral(id)).join(", ")}]::text[])`;
}

// The capture time comes from the database's clock, read under the write lock: with several app
// servers, their own clocks may disagree, and created_at must follow the order in which captures
// are chained and become visible (keyset cursors such as the list's "newer" rely on it).
const DB_NOW = "SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms";

type NewRow = { record: InteractionRecord; json: JsonText; createdAt: number };

// created_at goes in as epoch ms through to_timestamp(ms / 1000.0): for any time with whole
// milliseconds the double's error is far below the microsecond PostgreSQL rounds to, so the
// timestamptz(3) stored is exactly that ms, which the link covers and the verifier reads back.
function insertSql(rows: readonly NewRow[], links: ReturnType<typeof chainOntoHead>): Prisma.Sql {
  const column = <K extends keyof InteractionRecord>(k: K) => rows.map((r) => r.record[k]);
  const json = <K extends keyof JsonText>(k: K) => rows.map((r) => r.json[k]);
  const uses = { id: [] as string[], kind: [] as string[], item: [] as string[], at: [] as number[] };
  for (const { record, createdAt } of rows) {
    for (const [kind, items] of [["memory", record.memories_used], ["chunk", record.chunks_used]] as const) {
      for (const item of new Set(items)) {
        uses.id.push(record.id);
        uses.kind.push(kind);
        uses.item.push(item);
        uses.at.push(createdAt);
      }
    }
  }
  // Data-modifying WITH clauses all run, once; seq follows the request's order (ORDER BY n).
  return Prisma.sql`WITH new_rows AS (
    INSERT INTO interactions (id, prompt, response, response_summary, project, client,
        session_id, memories_used, chunks_used, context_pack, created_at, occurred_at)
      SELECT id, prompt, response, response_summary, project, client, session_id,
             memories_used, chunks_used, context_pack, to_timestamp(created_ms / 1000.0), to_timestamp(occurred_ms / 1000.0)
      FROM unnest(${column("id")}::text[], ${column("prompt")}::text[], ${column("response")}::text[],
                  ${column("response_summary")}::text[], ${column("project")}::text[], ${column("client")}::text[],
                  ${column("session_id")}::text[], ${json("memories_used")}::jsonb[], ${json("chunks_used")}::jsonb[],
                  ${json("context_pack")}::jsonb[], ${rows.map((r) => r.createdAt)}::float8[],
                  ${rows.map((r) => occurredAtMs(r.record.occurred_at))}::float8[])
           WITH ORDINALITY AS r(id, prompt, response, response_summary, project, client, session_id,
                                memories_used, chunks_used, context_pack, created_ms, occurred_ms, n)
      ORDER BY n
      RETURNING seq, id
  ), new_uses AS (
    INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at)
      SELECT r.seq, u.kind, u.item_id, to_timestamp(u.created_ms / 1000.0)
      FROM unnest(${uses.id}::text[], ${uses.kind}::text[], ${uses.item}::text[], ${uses.at}::float8[])
           AS u(id, kind, item_id, created_ms)
      JOIN new_rows r ON r.id = u.id
      ON CONFLICT DO NOTHING
  )
  ${insertLinksSql(links)}`;
}

/** The records of secrets redacted at the door, in one statement (only when there are any). */
async function insertRedactions(client: pg.ClientBase, records: readonly RedactionRecord[]): Promise<void> {
  const column = <K extends keyof RedactionRecord>(k: K) => records.map((r) => r[k]);
  await client.query(
    `INSERT INTO interaction_redactions (id, interaction_id, pointer, reason, digest, author, created_at, base)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[])`,
    [column("id"), column("interaction_id"), column("pointer"), column("reason"), column("digest"), column("author"), column("created_at"), column("base")],
  );
}

async function normalisedJson(rows: readonly StoreRow[]): Promise<JsonText[]> {
  const json = (k: keyof JsonText) => rows.map((r) => JSON.stringify(r.input[k]));
  const { rows: texts } = await pgPool().query<JsonText>({
    name: "atocore_normalise_json",
    text: NORMALISE,
    values: [json("memories_used"), json("chunks_used"), json("context_pack")],
  });
  return texts;
}

/** One request's rows and their JSON as jsonb will store it. */
type Request = { rows: readonly StoreRow[]; json: JsonText[] };

/** Stores the rows of several requests in ONE transaction; each request's outcomes, in order. */
async function storeTogether(requests: readonly Request[]): Promise<RecordOutcome[][]> {
  const rows = requests.flatMap((r) => r.rows);
  const json = requests.flatMap((r) => r.json);
  const ids = [...new Set(rows.flatMap((r) => (r.input.id ? [r.input.id] : [])))];
  const all = await inWriteTransaction(async (client, [head, clock, found]) => {
    // The lock is held from here: one instant for the whole transaction, as on SQLite.
    const now = (clock.rows[0] as { ms: number }).ms;
    const existing = new Map<string, { record: InteractionRecord; completed: string[] }>();
    for (const row of (found?.rows ?? []) as (InteractionRow & { completed: string | null })[]) {
      existing.set(row.id, { record: toInteractionRecord(row), completed: parseFields(row.completed ?? "") });
    }
    // Earlier items of the same transaction (this request's or another's) count as stored.
    const createdNow = new Map<string, InteractionRecord>();
    const created: { index: number; record: InteractionRecord; createdAt: number }[] = [];
    const outcomes = rows.map((r, index): RecordOutcome => {
      const id = r.input.id;
      const before = id === undefined ? undefined : existing.get(id);
      if (before) return retriedOutcome(before.record, before.completed, r.input);
      const earlier = id === undefined ? undefined : createdNow.get(id);
      if (earlier) return retriedOutcome(earlier, [], r.input);
      // The receipt shows the JSON as stored (jsonb orders object keys), as every later read
      // and every retry's receipt will.
      const stored = { ...r.input, context_pack: JSON.parse(json[index].context_pack) as Record<string, unknown> };
      const record = newRecord(stored, r.createdAt ?? now);
      createdNow.set(record.id, record);
      created.push({ index, record, createdAt: r.createdAt ?? now });
      return { status: "created", interaction: record };
    });
    if (created.length === 0) return outcomes;

    const newRows = created.map((c) => ({ ...c, json: json[c.index] }));
    const redactions: RedactionRecord[] = [];
    const contents = newRows.flatMap((r) => {
      const { secrets } = rows[r.index];
      const capture = captureLink({ ...r.record, ...r.json, created_at: r.createdAt, occurred_at: occurredAtMs(r.record.occurred_at) }, r.record.context_pack, secretDigests(secrets));
      const redacted = secretRecords(r.record.id, r.createdAt, secrets, capture.contentHash);
      redactions.push(...redacted.map((x) => x.record));
      return [capture, ...redacted.map((x) => x.link)];
    });
    const insert = insertSql(newRows, chainOntoHead(head, contents));
    await client.query({ name: "atocore_capture", text: insert.text, values: insert.values });
    if (redactions.length > 0) await insertRedactions(client, redactions);
    return outcomes;
  }, [CHAIN_HEAD, DB_NOW, ...(ids.length > 0 ? [existingSql(ids)] : [])]);
  let at = 0;
  return requests.map((r) => all.slice(at, (at += r.rows.length)));
}

// The write lock serialises every writer of every app server, and each transaction holds it for
// three round trips: one transaction per capture would cap single captures at the rate of those
// round trips. The requests that arrive while this process's transaction runs share the next
// one instead; a batch is at most 500 rows already.
const MAX_ROWS_PER_TRANSACTION = 500;
const storeGrouped = groupCommit({
  run: storeTogether,
  weight: (r: Request) => r.rows.length,
  maxWeight: MAX_ROWS_PER_TRANSACTION,
  rerunAlone: rolledBackBeforeCommit,
});

/**
 * Stores rows in ONE transaction, one outcome per row in order; resolves once the commit is
 * durable. Other requests' rows may share that transaction (group commit): a failure of the
 * shared transaction is retried with each request alone, so it fails only its own request.
 */
export async function storeOnPostgres(rows: readonly StoreRow[]): Promise<RecordOutcome[]> {
  try {
    // Outside the lock, and per request: a pack jsonb refuses fails only its own request.
    return await storeGrouped({ rows, json: await normalisedJson(rows) });
  } catch (err) {
    throw notStored(err, rows.length);
  }
}
