import type { DatabaseKind } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";
import { ftsOperand, SCRIPT_CHAR, tsOperand, type ParsedSearch, type SearchTerm } from "@/lib/search/fts-query";

/**
 * "The row `<alias>.seq` matches the search", for the reads written in SQL. The set of matching
 * rows is read from the full-text indexes: SQLite's FTS5 tables, or PostgreSQL's tsvector table
 * with its GIN index (prisma/postgres/migrations/20261125210000_search) and the pg_trgm and
 * character-set indexes (20261206010000_substring_search). The search itself is always a
 * parameter, never SQL text.
 *
 * A search of words only is one set from the word index. Once a term is a substring term
 * (Japanese, Chinese, Thai, ...: lib/search/fts-query.ts), each alternative of the search is the
 * conjunction of its word terms (one set from the word index) and of each substring term's set.
 */
export function searchCondition(alias: "i" | "j", q: ParsedSearch, dialect: DatabaseKind): Prisma.Sql {
  const seq = Prisma.raw(`${alias}.seq`);
  if (!q.terms.some((t) => t.substring)) return wordsIn(seq, dialect === "postgres" ? q.tsquery : q.match, dialect, true);
  const alternatives = q.anyOf.map((all) => Prisma.sql`(${Prisma.join(allOf(alias, all, dialect), " AND ")})`);
  return alternatives.length === 1 ? alternatives[0] : Prisma.sql`(${Prisma.join(alternatives, " OR ")})`;
}

function allOf(alias: "i" | "j", terms: SearchTerm[], dialect: DatabaseKind): Prisma.Sql[] {
  const seq = Prisma.raw(`${alias}.seq`);
  const conditions: Prisma.Sql[] = [];
  const words = terms.filter((t) => !t.substring);
  const wanted = words.filter((t) => !t.negated);
  const unwanted = words.filter((t) => t.negated);
  const operand = dialect === "postgres" ? tsOperand : ftsOperand;
  const [and, andNot, or] = dialect === "postgres" ? [" & ", " & !", " | "] : [" AND ", " NOT ", " OR "];
  // The word index answers the alternative's words in one set: its NOT terms ride on its
  // other terms, or, when it has none, exclude their union.
  if (wanted.length > 0) conditions.push(wordsIn(seq, wanted.map(operand).join(and) + unwanted.map((t) => andNot + operand(t)).join(""), dialect, true));
  else if (unwanted.length > 0) conditions.push(wordsIn(seq, unwanted.map(operand).join(or), dialect, false));
  for (const t of terms.filter((t) => t.substring)) conditions.push(substringIn(alias, t, dialect));
  return conditions;
}

function wordsIn(seq: Prisma.Sql, expression: string, dialect: DatabaseKind, wanted: boolean): Prisma.Sql {
  const not = wanted ? Prisma.empty : Prisma.sql`NOT `;
  return dialect === "postgres"
    ? Prisma.sql`${seq} ${not}IN (SELECT s.seq FROM interactions_search AS s WHERE s.document @@ to_tsquery('atocore_search', ${expression}))`
    : // The `+` keeps SQLite from driving the query from the rowid set (lib/search/search-interactions.ts).
      Prisma.sql`+${seq} ${not}IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ${expression})`;
}

// FTS5's trigram tokenizer, and pg_trgm, need 3 characters to make a trigram.
const TRIGRAM = 3;

/**
 * The rows whose prompt, response or summary holds the term, case-insensitively. SQLite: the
 * trigram index matches a term of 3 characters or more as the phrase of its trigrams, and a
 * shorter term by the trigrams it begins (every occurrence begins one: the indexed text ends
 * with two newlines), read from the index's vocabulary as a range of terms. PostgreSQL: a
 * case-insensitive regular expression (~*) through pg_trgm's index, or for a shorter term through the index of the characters each row
 * holds, the rows holding all of the term's then checked with ~*.
 */
function substringIn(alias: "i" | "j", term: SearchTerm, dialect: DatabaseKind): Prisma.Sql {
  const chars = [...term.text];
  if (dialect === "postgres") {
    // On the row itself, not a subquery on interactions (which PostgreSQL turns into a join
    // that scans the table): the planner reads the expression indexes, or checks the rows it
    // walks (atocore_script_text's declared cost makes that the dearer way for common terms).
    const columns = Prisma.raw(`${alias}.prompt, ${alias}.response, ${alias}.response_summary`);
    // A case-insensitive regular expression of the literal term: ~* folds case as it goes and
    // stops at the first match, where ILIKE lower-cases the whole text first. ASCII punctuation
    // is escaped; any other character is literal.
    const pattern = term.text.replace(/[!-/:-@[-`{-~]/g, "\\$&");
    const scriptChars = [...new Set(chars.filter((c) => SCRIPT_CHAR.test(c)))];
    const holds =
      chars.length >= TRIGRAM
        ? Prisma.sql`atocore_script_text(${columns}) ~* ${pattern}`
        : Prisma.sql`atocore_script_chars(${columns}) @> ${scriptChars}::text[] AND atocore_script_text(${columns}) ~* ${pattern}`;
    return term.negated ? Prisma.sql`(${holds}) IS NOT TRUE` : Prisma.sql`(${holds})`;
  }
  const not = term.negated ? Prisma.sql`NOT ` : Prisma.empty;
  const seq = Prisma.raw(`${alias}.seq`);
  if (chars.length >= TRIGRAM) {
    return Prisma.sql`+${seq} ${not}IN (SELECT rowid FROM interactions_trigram WHERE interactions_trigram MATCH ${ftsOperand({ ...term, prefix: false })})`;
  }
  const start = term.text.toLowerCase();
  return Prisma.sql`+${seq} ${not}IN (SELECT doc FROM interactions_trigram_instance WHERE term >= ${start} AND term < ${start + "\u{10FFFF}"})`;
}
