import { database } from "@/lib/db";
import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { partsStream } from "@/lib/export/parts-stream";
import { recordJson, recordJsonColumns, type SpliceRow } from "@/lib/interactions/record-json";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { storedId } from "@/lib/interactions/stored-id";

/** An interaction's record, its pack parsed. NotFoundError for an unknown id. */
export async function getInteraction(id: string): Promise<InteractionRecord> {
  const [row] = id
    ? await database().reads.rows<InteractionRow>(Prisma.sql`SELECT ${interactionColumns("i")} FROM interactions i WHERE i.id = ${storedId(id)}`)
    : [];
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  return toInteractionRecord(row);
}

/**
 * An interaction's record as JSON text, its pack as stored (recordJson): a pack of many MB
 * goes out without being parsed and serialized again. NotFoundError for an unknown id.
 */
export async function getInteractionJson(id: string): Promise<ReadableStream<Uint8Array>> {
  const [row] = id
    ? await database().reads.rows<SpliceRow>(Prisma.sql`SELECT ${recordJsonColumns()} FROM interactions j WHERE j.id = ${storedId(id)}`)
    : [];
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  const record = await recordJson(row);
  return partsStream((async function* () { yield record; })(), { read: "interaction" });
}
