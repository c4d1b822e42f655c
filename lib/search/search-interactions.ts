import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/interactions/cursor";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionList, ListQuery } from "@/lib/interactions/schema";
import type { ParsedSearch } from "@/lib/search/fts-query";

// Prisma's query API cannot say MATCH, so a search is one SQL statement: the FTS5 index
// yields the matching rows, every other filter and the keyset bound apply as in
// lib/interactions/where.ts, and the order is the list's (newest first, seq breaks ties).
//
// The page's seqs are chosen from the covering (filter..., created_at, seq) indexes in time
// order, testing each against the set of matches (the `+` keeps SQLite from instead fetching
// every matching row by rowid and sorting them all: 770 ms for a common word over 100k rows,
// against 12 ms this way); only the page's rows are then read whole.
function filtersSql(q: ListQuery & { q: ParsedSearch }): Prisma.Sql {
  const conds: Prisma.Sql[] = [
    Prisma.sql`+j.seq IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ${q.q.match})`,
  ];
  if (q.project !== undefined) conds.push(Prisma.sql`j.project = ${q.project}`);
  if (q.client !== undefined) conds.push(Prisma.sql`j.client = ${q.client}`);
  if (q.session_id !== undefined) conds.push(Prisma.sql`j.session_id = ${q.session_id}`);
  if (q.since !== undefined) conds.push(Prisma.sql`j.created_at >= ${q.since}`);
  if (q.until !== undefined) conds.push(Prisma.sql`j.created_at < ${q.until}`);
  if (q.cursor) {
    const { createdAt, seq } = q.cursor;
    conds.push(Prisma.sql`j.created_at <= ${createdAt} AND (j.created_at < ${createdAt} OR j.seq < ${seq})`);
  }
  return Prisma.join(conds, " AND ");
}

/** One page of the interactions matching a full-text search and the other filters, newest first. */
export async function searchInteractions(q: ListQuery & { q: ParsedSearch }): Promise<InteractionList> {
  if (q.limit <= 0) return { interactions: [], next_cursor: null };
  const rows = await prisma().$queryRaw<InteractionRow[]>`
    SELECT i.* FROM interactions i
    WHERE i.seq IN (
      SELECT j.seq FROM interactions j
      WHERE ${filtersSql(q)}
      ORDER BY j.created_at DESC, j.seq DESC
      LIMIT ${q.limit + 1})
    ORDER BY i.created_at DESC, i.seq DESC`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    interactions: page.map(toInteractionRecord),
    next_cursor:
      rows.length > q.limit && last
        ? encodeCursor({ createdAt: createdAtMs(last.created_at), seq: Number(last.seq) })
        : null,
  };
}
