import { configuredDatabaseKind } from "@/lib/db/database-kind";
import { errorFromWire } from "@/lib/errors";

/**
 * Interactions per fold transaction while an import runs on SQLite: about as long a hold of the
 * write lock as one import batch indexed as it was stored (~0.6 s), for a third of the work.
 */
export const IMPORT_FOLD_ROWS = 1_000;

/** What an import calls after each batch (`done` after the last): the item index catches up. */
export type ItemIndexCatchUp = (done: boolean) => Promise<void>;

/**
 * On SQLite an import leaves the memory audit's item index to folds of IMPORT_FOLD_ROWS
 * interactions (lib/db/sqlite/item-index-fold.ts) instead of indexing each batch as it is
 * stored. Its batches hold whatever the source interleaves, a few turns of many sessions, so
 * the items they share are few; a fold over a thousand turns writes each item's figures and
 * pages once for all of them (20,000 turns of the bench's shape: 39 s -> 30 s). Every read of
 * the index folds what is pending first, so a crash mid-import leaves nothing unindexed for
 * long. PostgreSQL's trigger indexes each row as it is stored.
 */
export async function deferItemIndexDuringImport(): Promise<ItemIndexCatchUp> {
  if (configuredDatabaseKind() !== "sqlite") return async () => {};
  const [{ sqlite }, { deferItemIndex, itemIndexBehind }, { runWrite }] = await Promise.all([
    import("@/lib/db/sqlite/connection"),
    import("@/lib/db/sqlite/item-index-fold"),
    import("@/lib/db/sqlite/write-thread"),
  ]);
  const db = sqlite();
  deferItemIndex(db);
  return async (done) => {
    let behind = itemIndexBehind(db);
    while (behind >= (done ? 1 : IMPORT_FOLD_ROWS)) {
      const result = await runWrite("foldItems", IMPORT_FOLD_ROWS);
      if (!result.ok) throw errorFromWire(result.error);
      if (result.value >= behind) return;
      behind = result.value;
    }
  };
}
