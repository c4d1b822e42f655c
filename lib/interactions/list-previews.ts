import { database } from "@/lib/db";
import { interactionColumns, type RowKey } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { inSeqOrder, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionListItem } from "@/lib/interactions/schema";
import { withVerdicts } from "@/lib/reviews/with-verdicts";

/**
 * A list row as a page shows it: no pack, and prompt, response and summary cut to their first
 * PREVIEW_CHARS after leading blank space (a page shows their first line). A page of 500 rows
 * whose texts run to 16 MB each stays a few MB.
 */
export type InteractionPreview = Omit<InteractionListItem, "context_pack">;

/** A page of previews and the cursor of the next (older) one. */
export type PreviewPage = { interactions: InteractionPreview[]; next_cursor: string | null };

export const PREVIEW_CHARS = 1_000;

const BLANK = " \t\r\n";
const cut = (column: string) => Prisma.sql`substr(ltrim(j.${Prisma.raw(column)}, ${BLANK}), 1, ${PREVIEW_CHARS}) AS ${Prisma.raw(column)}`;

/** The previews of the rows of `keys`, in that order (a row removed since is left out), with their verdicts. */
export async function interactionPreviews(keys: readonly Pick<RowKey, "seq">[]): Promise<InteractionPreview[]> {
  if (keys.length === 0) return [];
  const seqs = keys.map((k) => Number(k.seq));
  const texts = ["prompt", "response", "response_summary"];
  const rows = await database().reads.rows<InteractionRow>(Prisma.sql`
    SELECT ${interactionColumns("j", [...texts, "context_pack"])}, ${Prisma.join(texts.map(cut))}, NULL AS context_pack
    FROM interactions j WHERE j.seq IN (${Prisma.join(seqs)})`);
  const previews = inSeqOrder(rows, seqs).map((row) => {
    const { context_pack: _none, ...preview } = toInteractionRecord(row);
    return preview;
  });
  return withVerdicts("interaction", previews, (p) => p.id);
}
