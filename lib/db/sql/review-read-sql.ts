import type { DatabaseKind } from "@/lib/db/database-kind";
import type { ReviewSelection } from "@/lib/db/contract/reviews";
import { instantParam } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import { keysetCondition } from "@/lib/db/sql/keyset-sql";
import type { ReviewStateFilters } from "@/lib/reviews/verdicts";

// The reads of reviews, written once for both databases (their stores in lib/db/sqlite and
// lib/db/postgres run them); only the time column's form differs.

/** created_at as epoch ms: stored so on SQLite, converted from timestamptz on PostgreSQL. */
const createdMs = (kind: DatabaseKind) =>
  kind === "postgres" ? Prisma.raw("(extract(epoch FROM r.created_at) * 1000)::bigint") : Prisma.raw("r.created_at");

export const reviewColumns = (kind: DatabaseKind) => Prisma.sql`r.seq, r.id, r.interaction_id, r.pointer, r.session_id, r.verdict,
  r.retract, r.labels, r.note, r.author, r.supersedes, ${createdMs(kind)} AS created_at,
  (SELECT s.id FROM reviews s WHERE s.supersedes = r.id ORDER BY s.seq LIMIT 1) AS superseded_by`;

function selectionWhere(selection: ReviewSelection, kind: DatabaseKind): Prisma.Sql {
  if ("interaction_id" in selection) return Prisma.sql`r.interaction_id = ${selection.interaction_id}`;
  if ("session_id" in selection) return Prisma.sql`r.session_id = ${selection.session_id}`;
  if ("session_and_turns" in selection) {
    const s = selection.session_and_turns;
    return Prisma.sql`(r.session_id = ${s} OR r.interaction_id IN (SELECT i.id FROM interactions i WHERE i.session_id = ${s}))`;
  }
  const f = selection.filters;
  const parts: Prisma.Sql[] = [];
  if (f.verdict) parts.push(Prisma.sql`r.verdict = ${f.verdict}`);
  if (f.author) parts.push(Prisma.sql`r.author = ${f.author}`);
  if (f.label) parts.push(Prisma.sql`r.labels LIKE ${labelPattern(f.label)} ESCAPE '\\'`);
  if (f.since !== undefined) parts.push(Prisma.sql`r.created_at >= ${instantParam(f.since, kind)}`);
  if (f.project !== undefined) {
    parts.push(Prisma.sql`(EXISTS (SELECT 1 FROM interactions i WHERE i.id = r.interaction_id AND i.project = ${f.project})
      OR EXISTS (SELECT 1 FROM session_projects sp WHERE sp.session_id = r.session_id AND sp.project = ${f.project}))`);
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;
}

/** Up to limit + 1 reviews, newest first (created_at, seq), strictly older than the cursor. */
export function listReviewsSql(kind: DatabaseKind, selection: ReviewSelection, limit: number, cursor?: Cursor): Prisma.Sql {
  const page = cursor ? Prisma.sql` AND ${keysetCondition({ at: Prisma.raw("r.created_at"), seq: Prisma.raw("r.seq") }, cursor, "older", kind)}` : Prisma.empty;
  return Prisma.sql`SELECT ${reviewColumns(kind)} FROM reviews r
    WHERE ${selectionWhere(selection, kind)}${page}
    ORDER BY r.created_at DESC, r.seq DESC LIMIT ${limit + 1}`;
}

/** Reviews in chain order after `afterSeq`, each with the link that covers it. */
export function listReviewsWithLinksSql(kind: DatabaseKind, selection: ReviewSelection, afterSeq: number, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT ${reviewColumns(kind)}, c.seq AS link_seq, c.content_hash, c.prev_hash, c.hash
    FROM reviews r LEFT JOIN audit_chain c ON c.interaction_id = r.id AND c.kind = 'review'
    WHERE ${selectionWhere(selection, kind)} AND r.seq > ${afterSeq}
    ORDER BY r.seq LIMIT ${limit}`;
}

export type ReviewLinkColumns = { link_seq: number | string | null; content_hash: string | null; prev_hash: string | null; hash: string | null };

/**
 * The lists' `review` and `label` filters on the rows whose id is `id`: a primary-key probe of
 * review_verdicts per row, so a list stays a walk of its own index, in its order.
 */
export function reviewStateConditions(kind: "interaction" | "session", id: Prisma.Sql, f: ReviewStateFilters): Prisma.Sql[] {
  const verdictOf = Prisma.sql`SELECT 1 FROM review_verdicts v WHERE v.target_kind = ${kind} AND v.target_id = ${id}`;
  const conds: Prisma.Sql[] = [];
  if (f.review === "unreviewed") conds.push(Prisma.sql`NOT EXISTS (${verdictOf})`);
  else if (f.review !== undefined) conds.push(Prisma.sql`EXISTS (${verdictOf} AND v.verdict = ${f.review})`);
  if (f.label !== undefined) conds.push(Prisma.sql`EXISTS (${verdictOf} AND v.labels LIKE ${labelPattern(f.label)} ESCAPE '\\')`);
  return conds;
}

/** A label as a LIKE pattern over a JSON array of names: the quoted name matches exactly that label. */
const labelPattern = (label: string) => `%${JSON.stringify(label).replace(/[%_\\]/g, "\\$&")}%`;

/** The current verdicts of these interactions or sessions. */
export function currentVerdictsSql(kind: "interaction" | "session", ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT target_id, verdict FROM review_verdicts WHERE target_kind = ${kind} AND target_id IN (${Prisma.join(ids)})`;
}

/**
 * The review queue's progress: sessions under the filters (a project or client it was seen
 * with; active since `since`, begun before `until`) and how many of them have a session verdict.
 */
export function reviewProgressSql(f: { project?: string; client?: string; since?: number; until?: number }, kind: DatabaseKind): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  if (f.project !== undefined) conds.push(Prisma.sql`EXISTS (SELECT 1 FROM session_projects p WHERE p.session_id = s.session_id AND p.project = ${f.project})`);
  if (f.client !== undefined) conds.push(Prisma.sql`EXISTS (SELECT 1 FROM session_clients c WHERE c.session_id = s.session_id AND c.client = ${f.client})`);
  if (f.since !== undefined) conds.push(Prisma.sql`s.last_at >= ${instantParam(f.since, kind)}`);
  if (f.until !== undefined) conds.push(Prisma.sql`s.first_at < ${instantParam(f.until, kind)}`);
  return Prisma.sql`SELECT count(*) AS total, count(v.target_id) AS reviewed
    FROM sessions s LEFT JOIN review_verdicts v ON v.target_kind = 'session' AND v.target_id = s.session_id
    WHERE ${conds.length ? Prisma.join(conds, " AND ") : Prisma.sql`1 = 1`}`;
}
