import { database } from "@/lib/db";
import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

/** An interaction without its context pack, which may be MBs: pages read the pack in parts (lib/context-pack). */
export async function getInteractionWithoutPack(id: string): Promise<Omit<InteractionRecord, "context_pack">> {
  const [row] = id
    ? await database().reads.rows<InteractionRow>(
        Prisma.sql`SELECT ${interactionColumns("i", ["context_pack"])}, NULL AS context_pack FROM interactions i WHERE i.id = ${storedId(id)}`,
      )
    : [];
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  const { context_pack: _pack, ...record } = toInteractionRecord(row);
  return record;
}
