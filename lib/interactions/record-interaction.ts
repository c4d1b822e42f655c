import type { Statement } from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { appendCapture, completedFields } from "@/lib/audit/chain";
import { canonicalJson } from "@/lib/canonical-json";
import { committedDurably, sqlite } from "@/lib/db/sqlite";
import { AppError, ConflictError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { CaptureInput, InteractionRecord } from "@/lib/interactions/schema";

export type RecordResult = { status: "created" | "duplicate"; interaction: InteractionRecord };
/** What became of one item of a batch: stored, already stored, or refused (a conflict). */
export type RecordOutcome = RecordResult | { status: "error"; error: AppError };

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

/** What a capture's content is, for deciding whether a retried id carries the same turn. */
function contentKey(v: Omit<InteractionRecord, "id" | "created_at" | "response_added_at">): string {
  return canonicalJson([
    v.prompt,
    v.response,
    v.response_summary,
    v.project,
    v.client,
    v.session_id,
    v.memories_used,
    v.chunks_used,
    v.context_pack,
  ]);
}

/** Writes one new interaction and its used ids; runs inside the caller's transaction. */
function insertInteraction(s: Statements, input: CaptureInput, createdAt: number): InteractionRecord {
  const id = input.id ?? randomUUID();
  const { seq } = s.insert.get(
    id,
    input.prompt,
    input.response,
    input.response_summary,
    input.project,
    input.client,
    input.session_id,
    JSON.stringify(input.memories_used),
    JSON.stringify(input.chunks_used),
    JSON.stringify(input.context_pack),
    createdAt,
  )!;
  for (const item of new Set(input.memories_used)) s.insertUse.run(seq, "memory", item, createdAt);
  for (const item of new Set(input.chunks_used)) s.insertUse.run(seq, "chunk", item, createdAt);
  appendCapture(sqlite(), id);
  return {
    id,
    prompt: input.prompt,
    response: input.response,
    response_summary: input.response_summary,
    project: input.project,
    client: input.client,
    session_id: input.session_id,
    memories_used: input.memories_used,
    chunks_used: input.chunks_used,
    context_pack: input.context_pack,
    created_at: new Date(createdAt).toISOString(),
    response_added_at: null,
  };
}

/**
 * Records one item inside the caller's transaction. Capture is additive: a retried id with
 * the same content returns the stored record ("duplicate") and stores nothing; with other
 * content it is a conflict. Earlier items of the same transaction count as stored.
 */
function recordOne(s: Statements, input: CaptureInput, createdAt: number): RecordOutcome {
  if (input.id) {
    const existing = s.byId.get(input.id);
    if (existing) {
      const stored = toInteractionRecord(existing);
      // A completion (PATCH) filled these later: the capture had them empty.
      const asCaptured = { ...stored, ...Object.fromEntries(completedFields(sqlite(), input.id).map((f) => [f, ""])) };
      if (contentKey(asCaptured) !== contentKey(input)) {
        return {
          status: "error",
          error: new ConflictError(`An interaction with id ${input.id} already exists with different content`),
        };
      }
      return { status: "duplicate", interaction: stored };
    }
  }
  return { status: "created", interaction: insertInteraction(s, input, createdAt) };
}

function logOutcome(outcome: RecordOutcome) {
  if (outcome.status === "error") return;
  const { interaction } = outcome;
  log.info(outcome.status === "created" ? "interaction_recorded" : "interaction_duplicate", {
    interaction_id: interaction.id,
    project: interaction.project,
    client: interaction.client,
    session_id: interaction.session_id,
    memories_used: interaction.memories_used.length,
    chunks_used: interaction.chunks_used.length,
    response_chars: interaction.response.length,
  });
}

/**
 * Stores many interactions in ONE transaction, one outcome per input in order, and resolves
 * once the commit is durable. A conflict refuses only its own item; a database failure rolls
 * back every item and is answered 503 saying that none was stored.
 */
export async function recordInteractions(inputs: readonly CaptureInput[]): Promise<RecordOutcome[]> {
  const s = prepared();
  let outcomes: RecordOutcome[];
  try {
    outcomes = sqlite()
      .transaction((): RecordOutcome[] => {
        // One instant for the whole transaction: its rows are stored together, and seq
        // keeps their order.
        const createdAt = Date.now();
        return inputs.map((input) => recordOne(s, input, createdAt));
      })
      // IMMEDIATE takes the write lock before the id checks, so another process writing
      // the same id cannot slip in between a check and its insert.
      .immediate();
  } catch (err) {
    log.error("interactions_not_stored", {
      items: inputs.length,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    throw new AppError(
      "unavailable",
      `The database could not store the request, so none of its ${inputs.length} interaction(s) were stored; send it again (interactions with an id are safe to resend)`,
    );
  }
  await committedDurably();
  for (const outcome of outcomes) logOutcome(outcome);
  return outcomes;
}

/**
 * The import's write: rows that keep their own `created_at`, in one transaction, through the
 * same per-row write as captures (so interaction_uses is filled alike). The caller awaits
 * committedDurably() before reporting them stored.
 */
export function storeInteractions(rows: readonly { input: CaptureInput; createdAt: number }[]): RecordOutcome[] {
  const s = prepared();
  return sqlite()
    .transaction(() => rows.map((r) => recordOne(s, r.input, r.createdAt)))
    .immediate();
}

/** Stores one interaction (see recordInteractions); a conflict is thrown as a ConflictError. */
export async function recordInteraction(input: CaptureInput): Promise<RecordResult> {
  const [outcome] = await recordInteractions([input]);
  if (outcome.status === "error") throw outcome.error;
  return outcome;
}
