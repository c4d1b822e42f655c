import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam, sqlDialect } from "@/lib/db/dialect";
import { reviewStateConditions } from "@/lib/db/review-read-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { keysetCondition } from "@/lib/interactions/keyset-sql";
import type { ListQuery } from "@/lib/interactions/schema";
import { searchCondition } from "@/lib/search/search-sql";

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
export function sessionListSql(q: ListQuery, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
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
  if (q.since !== undefined) conditions.push(Prisma.sql`d.last_at >= ${at(q.since)}`);
  if (q.until !== undefined) conditions.push(Prisma.sql`s.first_at < ${at(q.until)}`);
  conditions.push(...reviewStateConditions("session", Prisma.raw("d.session_id"), q));
  const keyset = { at: Prisma.raw("d.last_at"), seq: Prisma.raw("d.last_seq") };
  if (q.cursor) conditions.push(keysetCondition(keyset, q.cursor, "older", dialect));
  else if (q.after) conditions.push(keysetCondition(keyset, q.after, "newer", dialect));
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
    conditions.push(
      postgres
        ? // PostgreSQL turns a plain EXISTS into a semi-join: it would read every matching
          // interaction of the filter, join and sort them all. Tested with IS TRUE, it stays a
          // check of each candidate session along the ordered walk, as on SQLite.
          Prisma.sql`(EXISTS (SELECT 1 FROM interactions AS i WHERE ${where})) IS TRUE`
        : Prisma.sql`EXISTS (SELECT 1 FROM interactions AS i INDEXED BY interactions_session_id_created_at_seq_idx WHERE ${where})`,
    );
  }

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
    SELECT s.session_id, s.turns, s.first_at, s.last_at, s.last_seq, ${projects} AS projects, ${clients} AS clients
    FROM ${driver}
    JOIN sessions AS s ON s.session_id = d.session_id
    ${joins}
    ${conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}
    ${q.after && !q.cursor ? Prisma.sql`ORDER BY d.last_at ASC, d.last_seq ASC` : Prisma.sql`ORDER BY d.last_at DESC, d.last_seq DESC`}
    LIMIT ${q.limit + 1}`;
}
