import { database } from "@/lib/db";
import { encodeCursor, keysetPage } from "@/lib/interactions/cursor";
import { createdAtMs, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionList, InteractionRecord, ListQuery } from "@/lib/interactions/schema";
import { pageRowsSql, type RowBound } from "@/lib/db/sql/filter-sql";
import { searchRows } from "@/lib/search/search-interactions";
import { withVerdicts } from "@/lib/reviews/with-verdicts";

export type InteractionPage = InteractionList & {
  /** The `after` cursor of the page before this one, or null when this page is the newest. */
  newer_cursor: string | null;
};

const cursorOf = (row: InteractionRow) => encodeCursor({ createdAt: createdAtMs(row.created_at), seq: Number(row.seq) });

type RecordPage = Omit<InteractionPage, "interactions"> & { interactions: InteractionRecord[] };

/**
 * One page of interaction records, newest first, with the cursors of the older and newer pages.
 * `after` reads towards the present in ascending order and turns the page round; when fewer
 * than a page of newer rows exist, the newest page is served instead (never a short page).
 */
export async function findRecordPage(q: ListQuery): Promise<RecordPage> {
  if (q.limit <= 0) return { interactions: [], next_cursor: null, newer_cursor: null };
  // A full-text search reads through the FTS index (lib/search); the other filters through
  // the database's reads (lib/db/contract/reads.ts).
  const rows = async (bound: RowBound, take: number): Promise<InteractionRow[]> =>
    q.q ? searchRows({ ...q, q: q.q }, bound, take) : database().reads.rows<InteractionRow>(pageRowsSql(q, bound, take));
  const take = q.limit + 1;
  if (q.after) {
    const newer = await rows({ newer: q.after }, take);
    if (newer.length < q.limit) return findRecordPage({ ...q, after: undefined, cursor: undefined });
    const { page, ...cursors } = keysetPage(newer, q.limit, { newer: true }, cursorOf);
    return { interactions: page.map(toInteractionRecord), ...cursors };
  }
  const older = await rows({ older: q.cursor }, take);
  const { page, ...cursors } = keysetPage(older, q.limit, { newer: false, throughCursor: !!q.cursor }, cursorOf);
  return { interactions: page.map(toInteractionRecord), ...cursors };
}

/** The list's page: its records with their current review verdict. */
export async function findInteractionPage(q: ListQuery): Promise<InteractionPage> {
  const { interactions, ...cursors } = await findRecordPage(q);
  return { interactions: await withVerdicts("interaction", interactions, (r) => r.id), ...cursors };
}

/** The API's page: newest first, with the cursor of the next (older) page if any. */
export async function findInteractions(q: ListQuery): Promise<InteractionList> {
  const { interactions, next_cursor } = await findInteractionPage(q);
  return { interactions, next_cursor };
}
