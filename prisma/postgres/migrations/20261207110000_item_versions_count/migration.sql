-- An item's count of versions is the number of its item_versions rows, as the capture path
-- keeps it. The backfill's earlier texts counted the versions its sightings name, which misses
-- a version a pack only ever offered beside an older one of the same item (a sighting names
-- the older): those items are counted again. Only rows that differ are written.
UPDATE "item_stats" SET "versions" = (SELECT count(*) FROM "item_versions" AS v WHERE v."kind" = "item_stats"."kind" AND v."item_id" = "item_stats"."item_id")
WHERE "versions" <> (SELECT count(*) FROM "item_versions" AS v WHERE v."kind" = "item_stats"."kind" AND v."item_id" = "item_stats"."item_id");
