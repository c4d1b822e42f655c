import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { interactionRow } from "@/lib/interactions/interaction-row";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import { textChars, textStartColumns, type TextStartRow } from "@/lib/interactions/text-start";
import { PAGE_TEXT_CHARS, TEXT_FIELDS, type InteractionRecord, type TextField } from "@/lib/interactions/schema";

/** An interaction as its page shows it: texts cut to PAGE_TEXT_CHARS characters, with their whole lengths. */
export type InteractionForPage = Omit<InteractionRecord, "context_pack"> & { text_chars: Record<TextField, number> };

type Row = InteractionRow & TextStartRow;

const columns = Prisma.sql`${interactionColumns("j", [...TEXT_FIELDS, "context_pack"])}, NULL AS context_pack, ${textStartColumns(PAGE_TEXT_CHARS)}`;

/** An interaction without its context pack, which may be MBs (pages read it in parts, lib/context-pack), and with its texts' starts. */
export async function getInteractionWithoutPack(id: string): Promise<InteractionForPage> {
  const row = await interactionRow<Row>(id, columns);
  const { context_pack: _pack, ...record } = toInteractionRecord(row);
  return { ...record, text_chars: textChars(row) };
}

/** One whole text of an interaction. */
export async function getInteractionText(id: string, field: TextField): Promise<string> {
  const row = await interactionRow<{ text: string | null }>(id, Prisma.sql`j.${Prisma.raw(field)} AS text`);
  return row.text ?? "";
}
