import { database } from "@/lib/db";
import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

export async function getInteraction(id: string): Promise<InteractionRecord> {
  const [row] = id
    ? await database().reads.rows<InteractionRow>(Prisma.sql`SELECT ${interactionColumns("i")} FROM interactions i WHERE i.id = ${storedId(id)}`)
    : [];
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  return toInteractionRecord(row);
}
