import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { storedId } from "@/lib/interactions/stored-id";

/**
 * The id an interaction is stored under; NotFoundError when there is none. Read from the id
 * index alone: on SQLite the columns stored after a pack (created_at and later) are reached
 * through the pack's whole overflow chain, a 3 MB pack's ~2 ms, for an existence check.
 */
export async function requireInteractionId(id: string): Promise<string> {
  const [row] = id ? await database().reads.rows<{ id: string }>(Prisma.sql`SELECT id FROM interactions WHERE id = ${storedId(id)}`) : [];
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  return row.id;
}
