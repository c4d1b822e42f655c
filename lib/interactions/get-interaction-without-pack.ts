import { prisma } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import { toInteractionRecord } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

/** An interaction without its context pack, which may be MBs: pages read the pack in parts (lib/context-pack). */
export async function getInteractionWithoutPack(id: string): Promise<Omit<InteractionRecord, "context_pack">> {
  const row = id ? await prisma().interaction.findUnique({ where: { id: storedId(id) }, omit: { context_pack: true } }) : null;
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  const { context_pack: _pack, ...record } = toInteractionRecord({ ...row, context_pack: null });
  return record;
}
