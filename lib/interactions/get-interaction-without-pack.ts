import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { interactionRow } from "@/lib/interactions/interaction-row";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";

/** An interaction without its context pack, which may be MBs: pages read the pack in parts (lib/context-pack). */
export async function getInteractionWithoutPack(id: string): Promise<Omit<InteractionRecord, "context_pack">> {
  const row = await interactionRow<InteractionRow>(id, Prisma.sql`${interactionColumns("j", ["context_pack"])}, NULL AS context_pack`);
  const { context_pack: _pack, ...record } = toInteractionRecord(row);
  return record;
}
