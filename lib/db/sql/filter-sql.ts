import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam, sqlDialect } from "@/lib/db/dialect";
import { reviewStateConditions } from "@/lib/db/sql/review-read-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import { keysetCondition } from "@/lib/db/sql/keyset-sql";
import type { InteractionFilters } from "@/lib/interactions/schema";

const KEYSET = { at: Prisma.raw("j.created_at"), seq: Prisma.raw("j.seq") };

/** A keyset bound: rows older than a cursor, or newer (paging towards the present). */
export type RowBound = { older?: Cursor; newer?: Cursor };

/**
 * The list's filters and keyset bound as SQL conditions on `interactions j`: the one builder of
 * every filtered read (the page, search, histogram, session turns and position, reverse lookup).
 * The text is the same on both databases; only the time parameters differ.
 */
export function filterConditions(f: InteractionFilters, bound: RowBound = {}, dialect: DatabaseKind = sqlDialect()): Prisma.Sql[] {
  const at = (ms: number) => instantParam(ms, dialect);
  const conds: Prisma.Sql[] = [];
  if (f.project !== undefined) conds.push(Prisma.sql`j.project = ${f.project}`);
  if (f.client !== undefined) conds.push(Prisma.sql`j.client = ${f.client}`);
  if (f.session_id !== undefined) conds.push(Prisma.sql`j.session_id = ${f.session_id}`);
  if (f.since !== undefined) conds.push(Prisma.sql`j.created_at >= ${at(f.since)}`);
  if (f.until !== undefined) conds.push(Prisma.sql`j.created_at < ${at(f.until)}`);
  conds.push(...reviewStateConditions("interaction", Prisma.raw("j.id"), f));
  if (bound.older) conds.push(keysetCondition(KEYSET, bound.older, "older", dialect));
  if (bound.newer) conds.push(keysetCondition(KEYSET, bound.newer, "newer", dialect));
  return conds;
}

// The columns of an interactions row, named (the model's fields, which are its column names): a
// prepared statement that said `*` would fail on PostgreSQL ("cached plan must not change result
// type") once a migration run by another app server adds a column.
const COLUMNS = Object.values(Prisma.InteractionScalarFieldEnum);

/** The row's columns as read through `alias` (`j.seq, j.id, ...`), but those `except` names. */
export const interactionColumns = (alias: "i" | "j", except: readonly string[] = []) =>
  Prisma.raw(COLUMNS.filter((c) => !except.includes(c)).map((c) => `${alias}.${c}`).join(", "));

/** The conditions joined into one WHERE clause (`1 = 1` when there are none). */
export function filterWhere(f: InteractionFilters, bound: RowBound = {}, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  const conds = filterConditions(f, bound, dialect);
  return conds.length > 0 ? Prisma.join(conds, " AND ") : Prisma.sql`1 = 1`;
}

/**
 * Up to `take` rows beyond the bound in list order: newest first, or oldest first when reading
 * towards the present (a `newer` bound) or when `order` says so (a session's turns).
 */
export function pageRowsSql(
  f: InteractionFilters,
  bound: RowBound,
  take: number,
  dialect: DatabaseKind = sqlDialect(),
  order: "newest" | "oldest" = bound.newer ? "oldest" : "newest",
  columns: Prisma.Sql = interactionColumns("j"),
): Prisma.Sql {
  const dir = order === "oldest" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`SELECT ${columns} FROM interactions j WHERE ${filterWhere(f, bound, dialect)} ORDER BY j.created_at ${dir}, j.seq ${dir} LIMIT ${take}`;
}

/** A row's keyset columns: where it sits in list order. */
export type KeysetKey = { seq: number | bigint; created_at: number | bigint | Date };

/** A row's keyset columns and its size, without reading its text into the process. */
export type RowKey = KeysetKey & { size: number | bigint };

/** The columns of a KeysetKey as read through `alias`. */
export const keysetColumns = (alias: "i" | "j"): Prisma.Sql => Prisma.raw(`${alias}.seq, ${alias}.created_at`);

/**
 * The bytes of the text of the interaction read through `alias`, to bound a batch of rows before
 * it is read, where a bound in rows alone would let a run of multi-MB packs through. SQLite's
 * octet_length() reads a value's length without its content (length() counts characters,
 * reading it all); PostgreSQL's jsonb is measured as text.
 */
export function rowBytesSql(alias: "i" | "j", dialect: DatabaseKind): Prisma.Sql {
  const text = ["prompt", "response", "response_summary", "memories_used", "chunks_used", "context_pack"];
  const size = (c: string) => (dialect === "postgres" ? `octet_length(${alias}.${c}::text)` : `octet_length(${alias}.${c})`);
  return Prisma.raw(text.map(size).join(" + "));
}

/** The columns of a RowKey as read through `alias` (the size: rowBytesSql). */
export function rowKeyColumns(alias: "i" | "j", dialect: DatabaseKind): Prisma.Sql {
  return Prisma.sql`${keysetColumns(alias)}, ${rowBytesSql(alias, dialect)} AS size`;
}

/** How many rows match: one range count over the filter's index. */
export function countSql(f: InteractionFilters, bound: RowBound = {}, dialect: DatabaseKind = sqlDialect()): Prisma.Sql {
  return Prisma.sql`SELECT count(*) AS n FROM interactions j WHERE ${filterWhere(f, bound, dialect)}`;
}

/** Rows at or before a cursor in list order: strictly older than the row just after it. */
export const upTo = (c: Cursor): RowBound => ({ older: { createdAt: c.createdAt, seq: c.seq + 1 } });
