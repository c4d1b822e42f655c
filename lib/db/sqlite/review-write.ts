import type Database from "better-sqlite3";
import { reviewLink } from "@/lib/audit/canonical-content";
import { appendLinks } from "@/lib/db/sqlite/chain";
import type { AppendOutcome, NewReview, ReviewRow } from "@/lib/db/contract/reviews";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { reviewColumns } from "@/lib/db/sql/review-read-sql";
import { checkSupersedes, currentVerdict, retriedReview, verdictTarget } from "@/lib/reviews/review-rules";

// A review's write transaction on SQLite, run by the write thread (lib/db/write-jobs.ts: job
// "review"); its PostgreSQL twin is appendReview in lib/db/postgres/reviews.ts.

type Current = { verdict: string | null; labels: string };
const CURRENT = (column: "interaction_id" | "session_id") =>
  `SELECT verdict, labels FROM reviews r WHERE r.${column} = ? AND r.retract = 0
     AND NOT EXISTS (SELECT 1 FROM reviews s WHERE s.supersedes = r.id)`;

const prepared = perConnection((db) => ({
  byId: db.prepare<[string], ReviewRow>(`SELECT ${reviewColumns("sqlite").sql} FROM reviews r WHERE r.id = ?`),
  insert: db.prepare<[string, string | null, string | null, string | null, string | null, number, string, string | null, string, string | null, number], { seq: number }>(
    `INSERT INTO reviews (id, interaction_id, pointer, session_id, verdict, retract, labels, note, author, supersedes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  ),
  current: { interaction: db.prepare<[string], Current>(CURRENT("interaction_id")), session: db.prepare<[string], Current>(CURRENT("session_id")) },
  setVerdict: db.prepare<[string, string, string, string]>(
    `INSERT INTO review_verdicts (target_kind, target_id, verdict, labels) VALUES (?, ?, ?, ?)
     ON CONFLICT (target_kind, target_id) DO UPDATE SET verdict = excluded.verdict, labels = excluded.labels`,
  ),
  clearVerdict: db.prepare<[string, string]>("DELETE FROM review_verdicts WHERE target_kind = ? AND target_id = ?"),
}));

export function appendReviewRow(db: Database.Database, review: NewReview): AppendOutcome {
  const s = prepared(db);
  const stored = s.byId.get(review.id);
  if (stored) return { status: "duplicate", review: retriedReview(stored, review) };
  checkSupersedes(review.supersedes ? s.byId.get(review.supersedes) : undefined, review);
  const createdAt = Date.now();
  const r = { ...review, retract: review.retract ? 1 : 0, created_at: createdAt };
  const { seq } = s.insert.get(r.id, r.interaction_id, r.pointer, r.session_id, r.verdict, r.retract, r.labels, r.note, r.author, r.supersedes, createdAt)!;
  const target = verdictTarget(review);
  const verdict = currentVerdict(s.current[target.kind].all(target.id));
  if (verdict) s.setVerdict.run(target.kind, target.id, verdict.verdict, verdict.labels);
  else s.clearVerdict.run(target.kind, target.id);
  appendLinks(db, [reviewLink(r)]);
  return { status: "created", review: { ...r, seq, superseded_by: null } };
}
