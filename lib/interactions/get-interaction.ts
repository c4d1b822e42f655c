import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { interactionRow } from "@/lib/interactions/interaction-row";
import { recordJsonColumns, recordJsonParts, type SpliceRow } from "@/lib/interactions/record-json";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import type { InteractionRecord } from "@/lib/interactions/schema";

/** An interaction's record, its pack parsed. NotFoundError for an unknown id. */
export async function getInteraction(id: string): Promise<InteractionRecord> {
  return toInteractionRecord(await interactionRow<InteractionRow>(id, interactionColumns("j")));
}

/**
 * An interaction's record as JSON text, followed by `extra`'s fields, its pack as stored
 * (recordJsonParts): a pack of many MB goes out without being parsed and serialized again.
 * NotFoundError for an unknown id.
 */
export async function getInteractionJson(id: string, extra: Record<string, unknown> = {}): Promise<Buffer> {
  return Buffer.concat(await recordJsonParts(await interactionRow<SpliceRow>(id, recordJsonColumns()), extra));
}
