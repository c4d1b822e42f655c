import type Database from "better-sqlite3";
import { completionLink } from "@/lib/audit/canonical-content";
import { appendLinks } from "@/lib/audit/chain";
import { sqlDialect } from "@/lib/db/dialect";
import { committedDurably, sqlite } from "@/lib/db/sqlite";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { completeOnPostgres } from "@/lib/interactions/complete-postgres";
import { completionNotStored, noSuchInteraction, planCompletion, type CompleteResult } from "@/lib/interactions/completion-plan";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import { COMPLETION_FIELDS, type CompletionInput } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

export type { CompleteResult } from "@/lib/interactions/completion-plan";

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
  byId: Database.Statement<[string], InteractionRow & { seq: number; response_added_at: number | null }>;
  update: Database.Statement<[string, string, number, number | bigint]>;
};
const cache = new WeakMap<Database.Database, Statements>();

function prepared(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      byId: db.prepare("SELECT * FROM interactions WHERE id = ?"),
      update: db.prepare("UPDATE interactions SET response = ?, response_summary = ?, response_added_at = ? WHERE seq = ?"),
    };
    cache.set(db, s);
  }
  return s;
}

/** The SQLite transaction; its link is computed from the values written (stored verbatim). */
async function completeOnSqlite(id: string, input: CompletionInput): Promise<CompleteResult> {
  const db = sqlite();
  const s = prepared(db);
  let result: CompleteResult;
  try {
    result = db
      .transaction((): CompleteResult => {
        const row = s.byId.get(storedId(id));
        if (!row) throw noSuchInteraction(id);
        const { filled, next } = planCompletion(toInteractionRecord(row), input, id);
        if (filled.length === 0) return { status: "unchanged", interaction: toInteractionRecord(row) };
        const now = Date.now();
        const addedAt = row.response_added_at ?? now;
        s.update.run(next.response, next.response_summary, addedAt, row.seq);
        appendLinks(db, [completionLink({ id: row.id, ...next, response_added_at: addedAt }, filled, now)]);
        return { status: "completed", interaction: toInteractionRecord({ ...row, ...next, response_added_at: addedAt }) };
      })
      .immediate();
  } catch (err) {
    throw completionNotStored(err);
  }
  // Acknowledged only once on disk, as captures are (group commit, lib/db/wal-sync.ts).
  await committedDurably();
  return result;
}

/**
 * Fills the empty response and/or summary of a recorded turn, and chains the completion.
 * Sending a value that is already stored is a retry and changes nothing ("unchanged");
 * sending another value for a non-empty field is a conflict and changes nothing at all.
 */
export async function completeInteraction(id: string, input: CompletionInput): Promise<CompleteResult> {
  const result =
    sqlDialect() === "postgres" ? await completeOnPostgres(id, input) : await completeOnSqlite(id, input);
  const { interaction } = result;
  log.info(result.status === "completed" ? "interaction_completed" : "interaction_completion_repeated", {
    interaction_id: interaction.id,
    response_chars: interaction.response.length,
    response_summary_chars: interaction.response_summary.length,
  });
  return result;
}
