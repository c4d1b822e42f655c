import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { storedId } from "@/lib/interactions/stored-id";

/**
 * The `columns` (of `interactions j`) of the interaction stored under `id`; NotFoundError when
 * there is none. Readers choose their columns: on SQLite a pack of MBs is only read when named,
 * and the columns stored after it (created_at and later) are reached through its overflow chain.
 */
export async function interactionRow<T>(id: string, columns: Prisma.Sql): Promise<T> {
  const [row] = id ? await database().reads.rows<T>(Prisma.sql`SELECT ${columns} FROM interactions j WHERE j.id = ${storedId(id)}`) : [];
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  return row;
}
