import type Database from "better-sqlite3";
import { appendCompletion } from "@/lib/audit/chain";
import type { CompletableField } from "@/lib/audit/canonical-content";
import { committedDurably, sqlite } from "@/lib/db/sqlite";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import { COMPLETION_FIELDS, type CompletionInput, type InteractionRecord } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

export type CompleteResult = { status: "completed" | "unchanged"; interaction: InteractionRecord };

/**
 * A completion may only add the response or summary: a body naming any other field (one
 * of the record's or an unknown one) asks to rewrite the capture, which is a conflict.
 */
export function refuseOtherFields(body: unknown): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return; // the schema says why
  const others = Object.keys(body).filter((k) => !(COMPLETION_FIELDS as readonly string[]).includes(k));
  if (others.length === 0) return;
  throw new AppError(
    "conflict",
    `A completion may only add response and/or response_summary; the capture is never rewritten (refused: ${others.join(", ")})`,
    others.map((k) => ({ path: [k], message: `${k} cannot be changed after capture`, code: "not_completable" })),
  );
}

type Statements = {
  byId: Database.Statement<[string], InteractionRow & { response_added_at: number | null }>;
  update: Database.Statement<[string, string, number, number | bigint]>;
};
const cache = new WeakMap<Database.Database, Statements>();

function prepared(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      byId: db.prepare("SELECT * FROM interactions WHERE id = ?"),
      update: db.prepare(
        `UPDATE interactions SET response = ?, response_summary = ?,
           response_added_at = coalesce(response_added_at, ?) WHERE seq = ?`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * Fills the empty response and/or summary of a recorded turn, and chains the completion.
 * Sending a value that is already stored is a retry and changes nothing ("unchanged");
 * sending another value for a non-empty field is a conflict and changes nothing at all.
 */
export async function completeInteraction(id: string, input: CompletionInput): Promise<CompleteResult> {
  const db = sqlite();
  const s = prepared(db);
  const result = db
    .transaction((): CompleteResult => {
      const row = s.byId.get(storedId(id));
      if (!row) throw new NotFoundError(`No interaction with id ${id}`);
      const next = { response: row.response ?? "", response_summary: row.response_summary ?? "" };
      const filled: CompletableField[] = [];
      for (const field of COMPLETION_FIELDS) {
        const value = input[field];
        if (value === undefined || value === next[field]) continue;
        if (next[field] !== "") {
          throw new ConflictError(`${field} is already recorded for interaction ${id}; a completion only fills an empty field`);
        }
        next[field] = value;
        filled.push(field);
      }
      if (filled.length === 0) return { status: "unchanged", interaction: toInteractionRecord(row) };
      const now = Date.now();
      s.update.run(next.response, next.response_summary, now, row.seq);
      appendCompletion(db, row.id, filled, now);
      return { status: "completed", interaction: toInteractionRecord(s.byId.get(row.id)!) };
    })
    .immediate();
  // Acknowledged only once on disk, as captures are (group commit, lib/db/wal-sync.ts).
  await committedDurably();

  const { interaction } = result;
  log.info(result.status === "completed" ? "interaction_completed" : "interaction_completion_repeated", {
    interaction_id: interaction.id,
    response_chars: interaction.response.length,
    response_summary_chars: interaction.response_summary.length,
  });
  return result;
}
