import { Prisma } from "@/lib/generated/prisma/client";
import { interactionRow } from "@/lib/interactions/interaction-row";

/**
 * The id an interaction is stored under; NotFoundError when there is none. Read from the id
 * index alone: on SQLite the columns stored after a pack (created_at and later) are reached
 * through the pack's whole overflow chain, a 3 MB pack's ~2 ms, for an existence check.
 */
export async function requireInteractionId(id: string): Promise<string> {
  return (await interactionRow<{ id: string }>(id, Prisma.sql`j.id`)).id;
}
