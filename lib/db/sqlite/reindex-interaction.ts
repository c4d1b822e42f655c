import type Database from "better-sqlite3";
import { refreshItemsSteps, removeSightingsSteps } from "@/lib/db/sql/item-index-removal";
import { itemIndexHas, storedPackRow } from "@/lib/db/sqlite/item-index-fold";
import { indexedRow, indexItems } from "@/lib/db/sqlite/item-index-writes";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { runSteps } from "@/lib/db/sqlite/run-steps";

type StoredRow = { seq: number; project: string; client: string; memories_used: string; chunks_used: string; created_at: number | string };

const keysOf = perConnection((db) =>
  db.prepare<[number], { kind: string; item_id: string }>("SELECT kind, item_id FROM item_sightings WHERE interaction_seq = ?"),
);

/**
 * Indexes a stored interaction's items again after its pack changed to `pack` (a redaction),
 * in the caller's write transaction: its sightings leave the index and come back from the new
 * pack, and the figures of every item it had or has are completed, so a version only the
 * removed text held is gone from the memory audit. The PostgreSQL twin is
 * lib/db/postgres/reindex-interaction.ts. An interaction still waiting for the fold
 * (lib/db/sqlite/item-index-fold.ts) has nothing in the index yet: the fold will read its new pack.
 */
export function reindexInteraction(db: Database.Database, row: StoredRow, pack: string): void {
  if (!itemIndexHas(db, row.seq)) return;
  const before = runSteps(db, removeSightingsSteps([row.seq]));
  indexItems(db, [indexedRow(db, storedPackRow({ ...row, context_pack: pack }))]);
  const keys = new Map([...before, ...keysOf(db).all(row.seq)].map((k) => [`${k.kind}\t${k.item_id}`, k]));
  runSteps(db, refreshItemsSteps("sqlite", [...keys.values()]));
}
