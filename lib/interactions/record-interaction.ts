import type { Statement } from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { appendCapture, completedFields } from "@/lib/audit/chain";
import { canonicalJson } from "@/lib/canonical-json";
import { sqlite } from "@/lib/db/sqlite";
import { ConflictError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { CaptureInput, InteractionRecord } from "@/lib/interactions/schema";

export type RecordResult = { status: "created" | "duplicate"; interaction: InteractionRecord };

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

/**
 * Stores one interaction. Capture is additive: a retried id with the same content returns
 * the stored record ("duplicate") and stores nothing; with other content it is a conflict.
 */
export function recordInteraction(input: CaptureInput): RecordResult {
  const s = prepared();
  const db = sqlite();
  const result = db
    .transaction((): RecordResult => {
      if (input.id) {
        const existing = s.byId.get(input.id);
        if (existing) {
          const stored = toInteractionRecord(existing);
          const asCaptured = { ...stored, ...Object.fromEntries(completedFields(db, input.id).map((f) => [f, ""])) };
          if (contentKey(asCaptured) !== contentKey(input)) {
            throw new ConflictError(`An interaction with id ${input.id} already exists with different content`);
          }
          return { status: "duplicate", interaction: stored };
        }
      }
      const id = input.id ?? randomUUID();
      const createdAt = Date.now();
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
      appendCapture(db, id);
      return {
        status: "created",
        interaction: {
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
        },
      };
    })
    // IMMEDIATE takes the write lock before the id check, so another process writing the
    // same id cannot slip in between the check and the insert.
    .immediate();

  const { interaction } = result;
  log.info(result.status === "created" ? "interaction_recorded" : "interaction_duplicate", {
    interaction_id: interaction.id,
    project: interaction.project,
    client: interaction.client,
    session_id: interaction.session_id,
    memories_used: interaction.memories_used.length,
    chunks_used: interaction.chunks_used.length,
    response_chars: interaction.response.length,
  });
  return result;
}
