import type { Statement } from "better-sqlite3";
import { captureLink, type ChainedRow, type LinkContent } from "@/lib/audit/canonical-content";
import { appendLinks, completedFields } from "@/lib/audit/chain";
import { committedDurably, sqlite } from "@/lib/db/sqlite";
import { newRecord, notStored, retriedOutcome, type RecordOutcome, type StoreRow } from "@/lib/interactions/capture-outcome";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";

// Captures on SQLite: one IMMEDIATE transaction per request on the one write connection,
// acknowledged after group commit (lib/db/wal-sync.ts). The PostgreSQL twin is store-postgres.ts.

type Statements = {
  byId: Statement<[string], InteractionRow>;
  insert: Statement<unknown[], { seq: number }>;
  insertUse: Statement<unknown[]>;
};

let statements: { db: unknown; s: Statements } | undefined;

function prepared(): Statements {
  const db = sqlite();
  if (statements?.db !== db) {
    statements = {
      db,
      s: {
        byId: db.prepare("SELECT * FROM interactions WHERE id = ?"),
        insert: db.prepare(
          `INSERT INTO interactions (id, prompt, response, response_summary, project, client,
             session_id, memories_used, chunks_used, context_pack, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
        ),
        insertUse: db.prepare(
          "INSERT OR IGNORE INTO interaction_uses (interaction_seq, kind, item_id, created_at) VALUES (?, ?, ?, ?)",
        ),
      },
    };
  }
  return statements.s;
}

/**
 * Records one item inside the transaction; earlier items of the same transaction count as
 * stored. The new row's link is computed from the values bound, not read back: SQLite stores
 * text (the JSON columns' JSON.stringify included) and integers verbatim, and the schema admits
 * only well-formed text, so they are exactly what the verifier will read.
 */
function recordOne(s: Statements, input: StoreRow["input"], createdAt: number, links: LinkContent[]): RecordOutcome {
  if (input.id) {
    const existing = s.byId.get(input.id);
    if (existing) return retriedOutcome(toInteractionRecord(existing), completedFields(sqlite(), input.id), input);
  }
  const record = newRecord(input, createdAt);
  const stored: ChainedRow = {
    ...record,
    memories_used: JSON.stringify(record.memories_used),
    chunks_used: JSON.stringify(record.chunks_used),
    context_pack: JSON.stringify(record.context_pack),
    created_at: createdAt,
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
  )!;
  for (const item of new Set(input.memories_used)) s.insertUse.run(seq, "memory", item, createdAt);
  for (const item of new Set(input.chunks_used)) s.insertUse.run(seq, "chunk", item, createdAt);
  links.push(captureLink(stored));
  return { status: "created", interaction: record };
}

/** Stores rows in ONE transaction, one outcome per row in order; resolves once durable. */
export async function storeOnSqlite(rows: readonly StoreRow[]): Promise<RecordOutcome[]> {
  const s = prepared();
  const db = sqlite();
  let outcomes: RecordOutcome[];
  try {
    outcomes = db
      .transaction((): RecordOutcome[] => {
        // One instant for the whole transaction: its rows are stored together, and seq keeps
        // their order. The chain's head is read once and the links chained in memory.
        const now = Date.now();
        const links: LinkContent[] = [];
        const result = rows.map((r) => recordOne(s, r.input, r.createdAt ?? now, links));
        appendLinks(db, links);
        return result;
      })
      // IMMEDIATE takes the write lock before the id checks, so another process writing the
      // same id cannot slip in between a check and its insert.
      .immediate();
  } catch (err) {
    throw notStored(err, rows.length);
  }
  await committedDurably();
  return outcomes;
}
