import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/interactions/cursor";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionList, ListQuery } from "@/lib/interactions/schema";
import type { ParsedSearch } from "@/lib/search/fts-query";

// Prisma's query API cannot say MATCH, so a search is one SQL statement: the FTS5 index
// yields the matching rows, every other filter and the keyset bound apply as in
// lib/interactions/where.ts, and the order is the list's (newest first, seq breaks ties).
function filtersSql(q: ListQuery & { q: ParsedSearch }): Prisma.Sql {
  const conds: Prisma.Sql[] = [
    Prisma.sql`i.seq IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ${q.q.match})`,
  ];
  if (q.project !== undefined) conds.push(Prisma.sql`i.project = ${q.project}`);
  if (q.client !== undefined) conds.push(Prisma.sql`i.client = ${q.client}`);
  if (q.session_id !== undefined) conds.push(Prisma.sql`i.session_id = ${q.session_id}`);
  if (q.since !== undefined) conds.push(Prisma.sql`i.created_at >= ${q.since}`);
  if (q.until !== undefined) conds.push(Prisma.sql`i.created_at < ${q.until}`);
  if (q.cursor) {
    const { createdAt, seq } = q.cursor;
    conds.push(Prisma.sql`i.created_at <= ${createdAt} AND (i.created_at < ${createdAt} OR i.seq < ${seq})`);
  }
  return Prisma.join(conds, " AND ");
}

/** One page of the interactions matching a full-text search and the other filters, newest first. */
export async function searchInteractions(q: ListQuery & { q: ParsedSearch }): Promise<InteractionList> {
  if (q.limit <= 0) return { interactions: [], next_cursor: null };
  const rows = await prisma().$queryRaw<InteractionRow[]>`
    SELECT i.* FROM interactions i
    WHERE ${filtersSql(q)}
    ORDER BY i.created_at DESC, i.seq DESC
    LIMIT ${q.limit + 1}`;
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
