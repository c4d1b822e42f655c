import type Database from "better-sqlite3";
import { captureLink, type ChainedRow, type LinkContent } from "@/lib/audit/canonical-content";
import { appendLinks, completedFields } from "@/lib/db/sqlite/chain";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { indexOnStore } from "@/lib/db/sqlite/item-index-fold";
import type { PackRow } from "@/lib/db/sqlite/item-index-writes";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import { secretDigests, secretRecords } from "@/lib/redactions/secret-records";
import { appErrorFromWire, errorToWire, type AppWireError } from "@/lib/errors";
import { newRecord, retriedOutcome, type RecordOutcome, type StoreRow } from "@/lib/interactions/capture-outcome";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { occurredAtMs } from "@/lib/interactions/occurred-at";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";

// Captures on SQLite: the body of the write transaction, run by the write thread
// (lib/db/sqlite/write-thread.ts) inside a transaction of its own. The PostgreSQL twin is lib/db/postgres/store.ts.

/**
 * What became of each row, small enough to cross from the write thread: a created row's id
 * and instant (the caller rebuilds the record from the input it still holds), a duplicate's
 * stored record, a conflict's error.
 */
export type StoredOutcome =
  | { status: "created"; id: string; createdAt: number }
  | { status: "duplicate"; interaction: InteractionRecord }
  | { status: "error"; error: AppWireError };

type Statements = {
  byId: Database.Statement<[string], InteractionRow>;
  insert: Database.Statement<unknown[], { seq: number }>;
  insertUse: Database.Statement<unknown[]>;
  insertRedaction: Database.Statement<[RedactionRecord]>;
};

const prepared = perConnection(
  (db): Statements => ({
    byId: db.prepare("SELECT * FROM interactions WHERE id = ?"),
    insert: db.prepare(
      `INSERT INTO interactions (id, prompt, response, response_summary, project, client,
         session_id, memories_used, chunks_used, context_pack, created_at, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    ),
    insertUse: db.prepare("INSERT OR IGNORE INTO interaction_uses (interaction_seq, kind, item_id, created_at) VALUES (?, ?, ?, ?)"),
    insertRedaction: db.prepare(
      `INSERT INTO interaction_redactions (id, interaction_id, pointer, reason, digest, author, created_at, base)
       VALUES (@id, @interaction_id, @pointer, @reason, @digest, @author, @created_at, @base)`,
    ),
  }),
);

/**
 * Records one item inside the transaction; earlier items of the same transaction count as
 * stored. A created row joins `created`, whose items are indexed together once every row is
 * in (lib/db/sqlite/item-index-fold.ts). The new row's link is computed from the values bound,
 * not read back: SQLite stores text (the JSON columns' JSON.stringify included) and integers
 * verbatim, and the schema admits only well-formed text, so they are exactly what the verifier
 * will read.
 */
function recordOne(db: Database.Database, s: Statements, { input, secrets }: StoreRow, createdAt: number, links: LinkContent[], created: PackRow[]): StoredOutcome {
  if (input.id) {
    const existing = s.byId.get(input.id);
    if (existing) {
      const outcome = retriedOutcome(toInteractionRecord(existing), completedFields(db, input.id), input);
      return outcome.status === "error" ? { status: "error", error: errorToWire(outcome.error) } : { status: "duplicate", interaction: outcome.interaction };
    }
  }
  const record = newRecord(input, createdAt);
  const stored: ChainedRow = {
    ...record,
    memories_used: JSON.stringify(record.memories_used),
    chunks_used: JSON.stringify(record.chunks_used),
    context_pack: JSON.stringify(record.context_pack),
    created_at: createdAt,
    occurred_at: occurredAtMs(record.occurred_at),
  };
  const { seq } = s.insert.get(
    stored.id,
    stored.prompt,
    stored.response,
    stored.response_summary,
    stored.project,
    stored.client,
    stored.session_id,
    stored.memories_used,
    stored.chunks_used,
    stored.context_pack,
    createdAt,
    stored.occurred_at,
  )!;
  for (const item of new Set(input.memories_used)) s.insertUse.run(seq, "memory", item, createdAt);
  for (const item of new Set(input.chunks_used)) s.insertUse.run(seq, "chunk", item, createdAt);
  created.push({ seq, id: record.id, input: record, createdAt, bytes: stored.context_pack.length });
  const capture = captureLink(stored, record.context_pack, secretDigests(secrets));
  links.push(capture);
  for (const { record: redaction, link } of secretRecords(record.id, createdAt, secrets, capture.contentHash)) {
    s.insertRedaction.run(redaction);
    links.push(link);
  }
  return { status: "created", id: record.id, createdAt };
}

/** Stores the rows of one request; call it inside a write transaction on `db`. */
export function storeRows(db: Database.Database, rows: readonly StoreRow[]): StoredOutcome[] {
  const s = prepared(db);
  // One instant for the whole request: its rows are stored together, and seq keeps their
  // order. The chain's head is read once and the links chained in memory.
  const now = Date.now();
  const links: LinkContent[] = [];
  const created: PackRow[] = [];
  const outcomes = rows.map((r) => recordOne(db, s, r, r.createdAt ?? now, links, created));
  indexOnStore(db, created);
  appendLinks(db, links);
  return outcomes;
}

/** The outcomes as callers know them: each created record rebuilt from the input it was stored from. */
export function toRecordOutcomes(rows: readonly StoreRow[], stored: readonly StoredOutcome[]): RecordOutcome[] {
  return stored.map((o, i) => {
    if (o.status === "created") return { status: "created", interaction: newRecord(rows[i].input, o.createdAt, o.id) };
    if (o.status === "error") return { status: "error", error: appErrorFromWire(o.error) };
    return o;
  });
}
