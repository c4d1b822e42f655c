import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { interactionRow } from "@/lib/interactions/interaction-row";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import { PAGE_TEXT_CHARS, TEXT_FIELDS, type InteractionRecord, type TextField } from "@/lib/interactions/schema";

/** An interaction as its page shows it: texts cut to PAGE_TEXT_CHARS characters, with their whole lengths. */
export type InteractionForPage = Omit<InteractionRecord, "context_pack"> & { text_chars: Record<TextField, number> };

type Row = InteractionRow & Record<`${TextField}_chars`, number | bigint>;

// Cut in SQL, so that a 16 MB prompt is never read whole for a page that shows its start.
const columns = Prisma.sql`${interactionColumns("j", [...TEXT_FIELDS, "context_pack"])}, NULL AS context_pack, ${Prisma.join(
  TEXT_FIELDS.map((f) => Prisma.sql`substr(j.${Prisma.raw(f)}, 1, ${PAGE_TEXT_CHARS}) AS ${Prisma.raw(f)}, length(j.${Prisma.raw(f)}) AS ${Prisma.raw(`${f}_chars`)}`),
)}`;

/** An interaction without its context pack, which may be MBs (pages read it in parts, lib/context-pack), and with its texts' starts. */
export async function getInteractionWithoutPack(id: string): Promise<InteractionForPage> {
  const row = await interactionRow<Row>(id, columns);
  const { context_pack: _pack, ...record } = toInteractionRecord(row);
  return { ...record, text_chars: { prompt: Number(row.prompt_chars), response: Number(row.response_chars), response_summary: Number(row.response_summary_chars) } };
}

/** One whole text of an interaction. */
export async function getInteractionText(id: string, field: TextField): Promise<string> {
  const row = await interactionRow<{ text: string | null }>(id, Prisma.sql`j.${Prisma.raw(field)} AS text`);
  return row.text ?? "";
}
