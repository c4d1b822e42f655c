import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam } from "@/lib/db/dialect";
import { refreshItemsSteps, removeSightingsSteps } from "@/lib/db/sql/item-index-removal";
import { Prisma } from "@/lib/generated/prisma/client";
import { planRetirement, type RetirementPlan } from "@/lib/retention/plan-retirement";

// One retirement batch, written once for both databases as a sequence of statements: the
// writer of each (lib/db/sqlite/retire-batch.ts, lib/db/postgres/retention.ts) runs every
// statement this yields inside its write transaction and sends the rows back, then appends the
// plan's link. What the statements leave to the database itself: the search index and
// interaction_uses (triggers, foreign-key cascades) and the session summaries (the delete
// trigger recomputes them from the remaining turns).

/** The statements of a batch, ending with its plan (the link the writer appends), or null when nothing was left to retire. */
export type RetireStep = Generator<Prisma.Sql, RetirementPlan | null, unknown[]>;

type Row = { seq: number | string; id: string; session_id: string };

export function* retireBatchSteps(kind: DatabaseKind, before: number, limit: number, retirementId: string, now: number): RetireStep {
  const rows = (yield Prisma.sql`SELECT seq, id, session_id FROM interactions
    WHERE created_at < ${instantParam(before, kind)} ORDER BY created_at, seq LIMIT ${limit}`) as Row[];
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.id);
  const seqs = rows.map((r) => Number(r.seq));
  const inIds = Prisma.join(ids);
  const captures = (yield Prisma.sql`SELECT interaction_id, hash FROM audit_chain
    WHERE kind = 'capture' AND interaction_id IN (${inIds}) ORDER BY seq`) as { interaction_id: string; hash: string }[];
  // The newest capture link is the row's own (set last): an older one covered an earlier row of
  // the same id, retired before.
  const captureHash = new Map(captures.map((c) => [c.interaction_id, c.hash]));
  yield* refreshItemsSteps(kind, yield* removeSightingsSteps(seqs));
  yield Prisma.sql`DELETE FROM interaction_redactions WHERE interaction_id IN (${inIds})`;
  yield Prisma.sql`DELETE FROM interactions WHERE seq IN (${Prisma.join(seqs)})`;

  // Reviews go with their turn; a session's own reviews go when no turn of it remains.
  const sessions = [...new Set(rows.map((r) => r.session_id).filter((s) => s !== ""))];
  const remaining = sessions.length
    ? new Set(((yield Prisma.sql`SELECT DISTINCT session_id FROM interactions WHERE session_id IN (${Prisma.join(sessions)})`) as { session_id: string }[]).map((r) => r.session_id))
    : new Set<string>();
  const emptied = sessions.filter((s) => !remaining.has(s));
  const ofEmptied = emptied.length ? Prisma.sql`OR (r.interaction_id IS NULL AND r.session_id IN (${Prisma.join(emptied)}))` : Prisma.empty;
  const reviews = (yield Prisma.sql`SELECT r.id, c.hash AS link_hash FROM reviews r
    LEFT JOIN audit_chain c ON c.kind = 'review' AND c.interaction_id = r.id
    WHERE r.interaction_id IN (${inIds}) ${ofEmptied}`) as { id: string; link_hash: string | null }[];
  if (reviews.length) yield Prisma.sql`DELETE FROM reviews WHERE id IN (${Prisma.join(reviews.map((r) => r.id))})`;
  const emptiedVerdicts = emptied.length ? Prisma.sql`OR (target_kind = 'session' AND target_id IN (${Prisma.join(emptied)}))` : Prisma.empty;
  yield Prisma.sql`DELETE FROM review_verdicts WHERE (target_kind = 'interaction' AND target_id IN (${inIds})) ${emptiedVerdicts}`;

  const plan = planRetirement(
    retirementId,
    before,
    rows.map((r) => ({ id: r.id, seq: Number(r.seq), link_hash: captureHash.get(r.id) ?? null })),
    reviews,
    now,
  );
  yield Prisma.sql`INSERT INTO retired_rows (kind, row_id, retirement, link_hash) VALUES
    ${Prisma.join(plan.rows.map((r) => Prisma.sql`(${r.kind}, ${r.row_id}, ${retirementId}, ${r.link_hash})`))}`;
  return plan;
}
