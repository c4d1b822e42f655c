import { prisma } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import { toInteractionRecord } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";

export async function getInteraction(id: string): Promise<InteractionRecord> {
  const find = (key: string) => prisma().interaction.findUnique({ where: { id: key } });
  // UUIDs are case-insensitive and a capture stores a client's id lower-cased, so an
  // upper-case spelling finds the record it was captured as.
  const lower = id.toLowerCase();
  const row = id ? ((await find(id)) ?? (lower !== id ? await find(lower) : null)) : null;
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  return toInteractionRecord(row);
}
