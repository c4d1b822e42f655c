import { database } from "@/lib/db";
import { sqlDialect } from "@/lib/db/dialect";
import { encodeCursor, keysetPage } from "@/lib/interactions/cursor";
import { interactionListStream } from "@/lib/interactions/list-stream";
import { interactionPreviews, type PreviewPage } from "@/lib/interactions/list-previews";
import { createdAtMs } from "@/lib/interactions/row";
import type { ListQuery } from "@/lib/interactions/schema";
import { keysetColumns, pageRowsSql, rowKeyColumns, type KeysetKey, type RowBound, type RowKey } from "@/lib/db/sql/filter-sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { searchRowsSql } from "@/lib/search/search-interactions";

type Cursors = {
  next_cursor: string | null;
  /** The `after` cursor of the page before this one, or null when this page is the newest. */
  newer_cursor: string | null;
};

/** A page of the list as the list page shows it. */
export type InteractionPage = PreviewPage & Pick<Cursors, "newer_cursor">;

const cursorOf = (row: KeysetKey) => encodeCursor({ createdAt: createdAtMs(row.created_at), seq: Number(row.seq) });

/**
 * The keys of one page of the list, newest first (their `columns`, read through the alias
 * given), with the cursors of the older and newer pages: the rows themselves are read after.
 * `after` reads towards the present in ascending order and turns the page round; when fewer
 * than a page of newer rows exist, the newest page is served instead (never a short page).
 */
async function findPageKeys<Key extends KeysetKey>(q: ListQuery, columns: (alias: "i" | "j") => Prisma.Sql): Promise<Cursors & { keys: Key[] }> {
  if (q.limit <= 0) return { keys: [], next_cursor: null, newer_cursor: null };
  const dialect = sqlDialect();
  // A full-text search reads through the FTS index (lib/search); the other filters through
  // the database's reads (lib/db/contract/reads.ts).
  const rows = (bound: RowBound, take: number): Promise<Key[]> =>
    database().reads.rows<Key>(
      q.q ? searchRowsSql({ ...q, q: q.q }, bound, take, dialect, columns("i")) : pageRowsSql(q, bound, take, dialect, undefined, columns("j")),
    );
  const take = q.limit + 1;
  if (q.after) {
    const newer = await rows({ newer: q.after }, take);
    if (newer.length < q.limit) return findPageKeys({ ...q, after: undefined, cursor: undefined }, columns);
    const { page, ...cursors } = keysetPage(newer, q.limit, { newer: true }, cursorOf);
    return { keys: page, ...cursors };
  }
  const older = await rows({ older: q.cursor }, take);
  const { page, ...cursors } = keysetPage(older, q.limit, { newer: false, throughCursor: !!q.cursor }, cursorOf);
  return { keys: page, ...cursors };
}

/** The list page's page: previews of its rows (no packs) with their current review verdict. */
export async function findInteractionPage(q: ListQuery): Promise<InteractionPage> {
  const { keys, ...cursors } = await findPageKeys(q, keysetColumns);
  return { interactions: await interactionPreviews(keys), ...cursors };
}

/**
 * The API's page, newest first, as the JSON text of an InteractionList (records with verdicts,
 * the next cursor), streamed in runs bounded by the rows' sizes, which only this reader needs.
 */
export async function findInteractions(q: ListQuery): Promise<ReadableStream<Uint8Array>> {
  const dialect = sqlDialect();
  const { keys, next_cursor } = await findPageKeys<RowKey>(q, (alias) => rowKeyColumns(alias, dialect));
  return interactionListStream(keys, next_cursor, { read: "list" });
}
