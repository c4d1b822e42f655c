import { Prisma } from "@/lib/generated/prisma/client";
import { TEXT_FIELDS, type TextField } from "@/lib/interactions/schema";

/** The whole lengths a row read with textStartColumns carries, in characters. */
export type TextStartRow = Record<`${TextField}_chars`, number | bigint>;

/**
 * Prompt, response and summary of `interactions j` cut to their first `chars` characters in the
 * query (a text may run to the 16 MB body limit, and a page shows its start), each with its
 * whole length as `<field>_chars`.
 */
export const textStartColumns = (chars: number): Prisma.Sql =>
  Prisma.join(
    TEXT_FIELDS.map((f) => Prisma.sql`substr(j.${Prisma.raw(f)}, 1, ${chars}) AS ${Prisma.raw(f)}, length(j.${Prisma.raw(f)}) AS ${Prisma.raw(`${f}_chars`)}`),
  );

export const textChars = (row: TextStartRow): Record<TextField, number> => ({
  prompt: Number(row.prompt_chars),
  response: Number(row.response_chars),
  response_summary: Number(row.response_summary_chars),
});
