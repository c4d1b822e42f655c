import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam, sqlDialect } from "@/lib/db/dialect";
import { reviewStateConditions } from "@/lib/db/sql/review-read-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListQuery } from "@/lib/interactions/schema";
import { FIRST_PROMPT_CHARS, type SessionSort } from "@/lib/sessions/schema";
import { searchCondition } from "@/lib/db/sql/search-sql";

/** The list's query: the interactions list's filters, and a session id prefix (the Session filter of the list). */
export type SessionListQuery = ListQuery & { session_prefix?: string };

export const DEFAULT_SESSION_SORT: SessionSort = { sort: "last_active", order: "desc" };

// The highest code point: a prefix's range ends below prefix + it (byte order).
const MAX_CHAR = "\u{10FFFF}";

/**
 * What a sort orders by: a key and last_seq (unique: it breaks ties), read from the driving
 * table `t`; with `sessions` driving, the (turns, last_seq) and (span, last_seq) indexes give
 * the order. The span is epoch ms on both databases.
 */
function sortKey(sort: SessionSort["sort"], t: "d" | "s", dialect: DatabaseKind): { key: Prisma.Sql; param: (v: number) => number | Date } {
  if (sort === "last_active") return { key: Prisma.raw(`${t}.last_at`), param: (v) => instantParam(v, dialect) };
  if (sort === "turns") return { key: Prisma.raw(`${t}.turns`), param: (v) => v };
  return {
    key: Prisma.raw(dialect === "postgres" ? `((extract(epoch FROM (${t}.last_at - ${t}.first_at)) * 1000)::bigint)` : `(${t}.last_at - ${t}.first_at)`),
    param: (v) => v,
  };
}

/**
 * The SQL of one page of sessions, newest activity first (see the sessions migration), or,
 * for `after` (the page before a cursor), the sessions just newer than it, oldest first.
 *
 * The driving table is the narrowest summary the filters allow, read in (last_at, last_seq)
 * order straight from an index, so a page costs its own rows whatever the table size:
 * - project given: session_projects by (project, last_at, last_seq);
 * - else client given: session_clients by (client, last_at, last_seq);
 * - else: sessions by (last_at, last_seq).
 * The other filters are checked per candidate, each an index seek: the client (when the
 * project drove) in session_clients' primary key, and, when a time bound or both project
 * and client are given, an interaction of that session matching all of them, through
 * interactions (session_id, created_at, seq) (that last check reads the session's turns
 * from the window's start until one matches). `last_at >= since` and `first_at < until`
 * cut the candidates first. A session is listed when at least one of its interactions
 * matches every filter; its summary and order are always those of the whole session.
 *
 * PostgreSQL runs the same query (its plans: tests/unit/query-plans-postgres.test.ts); only the
 * time parameters, the projects/clients lists (an array instead of JSON text) and SQLite's
 * planner hints differ.
 */
function listParts(q: SessionListQuery, dialect: DatabaseKind, sort: SessionSort) {
  const at = (ms: number) => instantParam(ms, dialect);
  const postgres = dialect === "postgres";
  const driver =
    q.project !== undefined
      ? Prisma.sql`session_projects AS d`
      : q.client !== undefined
        ? Prisma.sql`session_clients AS d`
        : Prisma.sql`sessions AS d`;

  // With both project and client, the client's row is joined (a primary-key seek) and the
  // interaction check below is tied to it, so SQLite only looks into the turns of
  // sessions that have both.
  const both = q.project !== undefined && q.client !== undefined;
  const joins = both
    ? Prisma.sql`JOIN session_clients AS dc ON dc.session_id = d.session_id AND dc.client = ${q.client}`
    : Prisma.empty;
  const conditions: Prisma.Sql[] = [];
  if (q.project !== undefined) conditions.push(Prisma.sql`d.project = ${q.project}`);
  else if (q.client !== undefined) conditions.push(Prisma.sql`d.client = ${q.client}`);
  if (q.session_id !== undefined) conditions.push(Prisma.sql`d.session_id = ${q.session_id}`);
  if (q.session_prefix !== undefined) {
    // A range of the primary key (PostgreSQL: of its "C" index, byte order like SQLite's).
    const id = postgres ? Prisma.sql`d.session_id COLLATE "C"` : Prisma.sql`d.session_id`;
    conditions.push(Prisma.sql`${id} >= ${q.session_prefix} AND ${id} < ${q.session_prefix + MAX_CHAR}`);
  }
  if (q.since !== undefined) conditions.push(Prisma.sql`d.last_at >= ${at(q.since)}`);
  if (q.until !== undefined) conditions.push(Prisma.sql`s.first_at < ${at(q.until)}`);
  conditions.push(...reviewStateConditions("session", Prisma.raw("d.session_id"), q));
  // The order's key comes from the driving table when it holds it (sessions does for every
  // sort; a project's or client's rows only for last activity), else from the session.
  const t = sort.sort === "last_active" || q.project === undefined && q.client === undefined ? "d" : "s";
  const { key, param } = sortKey(sort.sort, t, dialect);
  const seq = Prisma.raw(`${t}.last_seq`);
  // Pages go "older" along the order: towards smaller keys for desc, larger for asc.
  const desc = sort.order === "desc";
  const page = q.cursor ?? q.after;
  const filters = [...conditions];
  if (page) {
    const forward = !!q.cursor === desc;
    const k = param(page.createdAt);
    conditions.push(
      forward
        ? Prisma.sql`${key} <= ${k} AND (${key} < ${k} OR ${seq} < ${page.seq})`
        : Prisma.sql`${key} >= ${k} AND (${key} > ${k} OR ${seq} > ${page.seq})`,
    );
  }
  let exists: Prisma.Sql | null = null;
  if (q.since !== undefined || q.until !== undefined || both || q.q) {
    // Tied to the last table joined, not d, so that SQLite checks it after the cheaper conditions.
    const match: Prisma.Sql[] = [both ? Prisma.sql`i.session_id = dc.session_id` : Prisma.sql`i.session_id = s.session_id`];
    if (q.project !== undefined) match.push(Prisma.sql`i.project = ${q.project}`);
    if (q.client !== undefined) match.push(Prisma.sql`i.client = ${q.client}`);
    if (q.since !== undefined) match.push(Prisma.sql`i.created_at >= ${at(q.since)}`);
    if (q.until !== undefined) match.push(Prisma.sql`i.created_at < ${at(q.until)}`);
    // Full-text search (lib/search): the set of matching rows is built once per query.
    if (q.q) match.push(searchCondition("i", q.q, dialect));
    const where = Prisma.join(match, " AND ");
    exists =
      postgres
        ? // PostgreSQL turns a plain EXISTS into a semi-join: it would read every matching
          // interaction of the filter, join and sort them all. Tested with IS TRUE, it stays a
          // check of each candidate session along the ordered walk, as on SQLite.
          Prisma.sql`(EXISTS (SELECT 1 FROM interactions AS i WHERE ${where})) IS TRUE`
        : Prisma.sql`EXISTS (SELECT 1 FROM interactions AS i INDEXED BY interactions_session_id_created_at_seq_idx WHERE ${where})`;
    conditions.push(exists);
  }
  const from = Prisma.sql`${driver} JOIN sessions AS s ON s.session_id = d.session_id ${joins}`;
  return { from, conditions, filters, exists, key, seq, desc, postgres };
}

const whereOf = (conditions: Prisma.Sql[]) => (conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

/** Sessions the count looks at before it estimates: the newest this many candidates. */
export const COUNT_SAMPLE = 10_000;

/**
 * How many sessions match: `candidates` (every filter but the per-interaction check, an index
 * range count) and, when the filters need that check (time bounds, search, project and client
 * together), how many of the first COUNT_SAMPLE candidates in list order pass it (`sampled`,
 * `matched`); the count is exact when the sample holds every candidate, else scaled from it.
 */
export function sessionCountSql(q: SessionListQuery, dialect: DatabaseKind = sqlDialect()): { candidates: Prisma.Sql; sample: Prisma.Sql | null } {
  const { from, filters, exists, key, seq } = listParts({ ...q, cursor: undefined, after: undefined }, dialect, DEFAULT_SESSION_SORT);
  return {
    candidates: Prisma.sql`SELECT count(*) AS n FROM ${from} ${whereOf(filters)}`,
    sample: exists
      ? Prisma.sql`SELECT count(*) AS sampled, coalesce(sum(m), 0) AS matched FROM (
          SELECT CASE WHEN ${exists} THEN 1 ELSE 0 END AS m FROM ${from} ${whereOf(filters)}
          ORDER BY ${key} DESC, ${seq} DESC LIMIT ${COUNT_SAMPLE}) AS sample`
      : null,
  };
}

export function sessionListSql(q: SessionListQuery, dialect: DatabaseKind = sqlDialect(), sort: SessionSort = DEFAULT_SESSION_SORT): Prisma.Sql {
  const { from, conditions, key, seq, desc, postgres } = listParts(q, dialect, sort);

  // The session's projects and clients: JSON text on SQLite, an array (text[]) on PostgreSQL.
  const [projects, clients] = postgres
    ? [
        Prisma.sql`ARRAY(SELECT p.project FROM session_projects AS p WHERE p.session_id = s.session_id)`,
        Prisma.sql`ARRAY(SELECT c.client FROM session_clients AS c WHERE c.session_id = s.session_id)`,
      ]
    : [
        Prisma.sql`(SELECT json_group_array(p.project) FROM session_projects AS p WHERE p.session_id = s.session_id)`,
        Prisma.sql`(SELECT json_group_array(c.client) FROM session_clients AS c WHERE c.session_id = s.session_id)`,
      ];
  return Prisma.sql`
    SELECT s.session_id, s.turns, s.first_at, s.last_at, s.last_seq, ${projects} AS projects, ${clients} AS clients,
      (SELECT substr(f.prompt, 1, ${FIRST_PROMPT_CHARS + 1}) FROM interactions AS f WHERE f.session_id = s.session_id
       ORDER BY f.created_at ASC, f.seq ASC LIMIT 1) AS first_prompt
    FROM ${from}
    ${whereOf(conditions)}
    ${!!(q.after && !q.cursor) === desc ? Prisma.sql`ORDER BY ${key} ASC, ${seq} ASC` : Prisma.sql`ORDER BY ${key} DESC, ${seq} DESC`}
    LIMIT ${q.limit + 1}`;
}
