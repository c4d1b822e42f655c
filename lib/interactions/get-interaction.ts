import { prisma } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import { toInteractionRecord } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

export async function getInteraction(id: string): Promise<InteractionRecord> {
  const row = id ? await prisma().interaction.findUnique({ where: { id: storedId(id) } }) : null;
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  return toInteractionRecord(row);
}
