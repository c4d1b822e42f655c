import { reviewLink } from "@/lib/audit/canonical-content";
import { appendLinks } from "@/lib/db/postgres/chain";
import type { ReviewRow, ReviewStore, ReviewWithLink } from "@/lib/db/contract/reviews";
import { inWriteTransaction } from "@/lib/db/postgres/write";
import { listReviewsSql, listReviewsWithLinksSql, reviewColumns, type ReviewLinkColumns } from "@/lib/db/sql/review-read-sql";
import { readRows } from "@/lib/db/postgres/reader";
import { currentVerdictsReader, withLink } from "@/lib/db/sql/review-rows";
import { checkSupersedes, currentVerdict, retriedReview, verdictTarget } from "@/lib/reviews/review-rules";

// Reviews on PostgreSQL: the write is one write transaction holding the write lock
// (lib/db/postgres-write.ts), the twin of lib/db/sqlite/review-write.ts.

const BY_ID = `SELECT ${reviewColumns("postgres").sql} FROM reviews r WHERE r.id = $1`;
// The time is the database's clock, like a capture's; the link covers it in epoch ms as stored.
const INSERT = `INSERT INTO reviews (id, interaction_id, pointer, session_id, verdict, retract, labels, note, author, supersedes, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, date_trunc('milliseconds', clock_timestamp()))
  RETURNING seq, (extract(epoch FROM created_at) * 1000)::float8 AS created_at`;
const CURRENT = (column: "interaction_id" | "session_id") =>
  `SELECT verdict, labels FROM reviews r WHERE r.${column} = $1 AND NOT r.retract
     AND NOT EXISTS (SELECT 1 FROM reviews s WHERE s.supersedes = r.id)`;
const SET_VERDICT = `INSERT INTO review_verdicts (target_kind, target_id, verdict, labels) VALUES ($1, $2, $3, $4)
  ON CONFLICT (target_kind, target_id) DO UPDATE SET verdict = excluded.verdict, labels = excluded.labels`;
const CLEAR_VERDICT = "DELETE FROM review_verdicts WHERE target_kind = $1 AND target_id = $2";

// pg hands bigints over as text; the rows the store answers carry numbers, as SQLite's do.
const numeric = (row: ReviewRow): ReviewRow => ({ ...row, seq: Number(row.seq), created_at: Number(row.created_at) });

export const postgresReviewStore: ReviewStore = {
  appendReview: (review) =>
    inWriteTransaction(async (client) => {
      const byId = async (id: string) => (await client.query<ReviewRow>({ name: "atocore_review_by_id", text: BY_ID, values: [id] })).rows.map(numeric)[0];
      const stored = await byId(review.id);
      if (stored) return { status: "duplicate" as const, review: retriedReview(stored, review) };
      checkSupersedes(review.supersedes ? await byId(review.supersedes) : undefined, review);
      const r = review;
      const inserted = await client.query<{ seq: number; created_at: number }>({
        name: "atocore_review_insert",
        text: INSERT,
        values: [r.id, r.interaction_id, r.pointer, r.session_id, r.verdict, r.retract, r.labels, r.note, r.author, r.supersedes],
      });
      const { seq, created_at } = inserted.rows[0];
      const target = verdictTarget(review);
      const current = await client.query<{ verdict: string | null; labels: string }>({
        name: `atocore_review_current_${target.kind}`,
        text: CURRENT(target.kind === "interaction" ? "interaction_id" : "session_id"),
        values: [target.id],
      });
      const verdict = currentVerdict(current.rows);
      if (verdict) await client.query({ name: "atocore_review_set_verdict", text: SET_VERDICT, values: [target.kind, target.id, verdict.verdict, verdict.labels] });
      else await client.query({ name: "atocore_review_clear_verdict", text: CLEAR_VERDICT, values: [target.kind, target.id] });
      const row: ReviewRow = { ...review, seq, created_at, superseded_by: null };
      await appendLinks(client, [reviewLink(row)]);
      return { status: "created" as const, review: row };
    }),
  listReviews: async (selection, limit, cursor) => (await readRows<ReviewRow>(listReviewsSql("postgres", selection, limit, cursor))).map(numeric),
  async listReviewsWithLinks(selection, afterSeq, limit): Promise<ReviewWithLink[]> {
    return (await readRows<ReviewRow & ReviewLinkColumns>(listReviewsWithLinksSql("postgres", selection, afterSeq, limit))).map((r) => withLink(numeric(r) as ReviewRow & ReviewLinkColumns));
  },
  currentVerdicts: currentVerdictsReader(readRows),
};
