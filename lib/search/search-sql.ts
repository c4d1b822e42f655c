import type { DatabaseKind } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ParsedSearch } from "@/lib/search/fts-query";

/**
 * "The row `<alias>.seq` matches the search", for the reads written in SQL. The set of matching
 * rows is read once per query from the full-text index: SQLite's FTS5 table or PostgreSQL's
 * tsvector table with its GIN index (prisma/postgres/migrations/20261125210000_search). The
 * search itself is always a parameter, never SQL text.
 */
export function searchCondition(alias: "i" | "j", q: ParsedSearch, dialect: DatabaseKind): Prisma.Sql {
  const seq = Prisma.raw(`${alias}.seq`);
  return dialect === "postgres"
    ? Prisma.sql`${seq} IN (SELECT s.seq FROM interactions_search AS s WHERE s.document @@ to_tsquery('atocore_search', ${q.tsquery}))`
    : // The `+` keeps SQLite from driving the query from the rowid set (lib/search/search-interactions.ts).
      Prisma.sql`+${seq} IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ${q.match})`;
}
