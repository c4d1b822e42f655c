import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { storedId } from "@/lib/interactions/stored-id";

/** Whether an interaction with this id is stored (not deleted, not retired). */
export async function interactionExists(id: string): Promise<boolean> {
  if (!id) return false;
  const rows = await database().reads.rows(Prisma.sql`SELECT 1 AS found FROM interactions WHERE id = ${storedId(id)}`);
  return rows.length > 0;
}
