-- On SQLite the memory audit's item index is folded in after the capture instead of inside
-- its transaction (lib/db/sqlite/item-index-fold.ts): interactions up to indexed_seq are in the
-- index, later ones are pending, and the transaction that indexes them moves indexed_seq with
-- them. Every read of the index folds what is pending first. Every row stored before this
-- migration was indexed by its own capture (or the backfill of 20261207030000_item_index).
CREATE TABLE "item_index_state" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "indexed_seq" INTEGER NOT NULL
);

INSERT INTO "item_index_state" ("id", "indexed_seq") SELECT 1, coalesce(max("seq"), 0) FROM "interactions";
