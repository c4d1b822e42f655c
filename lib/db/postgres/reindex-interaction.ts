import type pg from "pg";
import { runSteps } from "@/lib/db/postgres/run-steps";
import { refreshItemsSteps, removeSightingsSteps } from "@/lib/db/sql/item-index-removal";

type Key = { kind: string; item_id: string };
const KEYS = "SELECT kind, item_id FROM item_sightings WHERE interaction_seq = $1";
// The insert trigger's own function (migration 20261207060000_item_removal) over the stored row.
const INDEX = `SELECT item_index_add(seq, created_at, project, client, context_pack, memories_used, chunks_used)
  FROM interactions WHERE seq = $1`;

/**
 * Indexes a stored interaction's items again after its pack changed (a redaction): the twin of
 * lib/db/sqlite/reindex-interaction.ts, in the caller's write transaction.
 */
export async function reindexInteraction(client: pg.ClientBase, id: string): Promise<void> {
  const seq = Number((await client.query<{ seq: number }>("SELECT seq FROM interactions WHERE id = $1", [id])).rows[0].seq);
  const before = await runSteps(client, removeSightingsSteps([seq]));
  await client.query(INDEX, [seq]);
  const after = (await client.query<Key>(KEYS, [seq])).rows;
  const keys = new Map([...before, ...after].map((k) => [`${k.kind}\t${k.item_id}`, k]));
  await runSteps(client, refreshItemsSteps("postgres", [...keys.values()]));
}
