-- Sightings lose their index by item alone: the removal steps (lib/db/sql/item-index-removal.ts)
-- find an item's first and last sighting through its projects and the (kind, project, item_id,
-- created_at) index, and nothing else read it. Every capture wrote each of its items into it,
-- at a place of its own: a fifth of the pages the item index wrote per capture.
-- (The backfill's later text never builds it.)
DROP INDEX IF EXISTS "item_sightings_kind_item_id_created_at_idx";
