-- Removing interactions (retention, a pack redaction) keeps the item index by difference
-- (lib/db/sql/item-index-removal.ts): each check that an item still has sightings in a project
-- is one seek in this index, where (kind, project, created_at) read every sighting of the
-- project's items until a match.
-- (A database whose item index was built by the backfill's later text has this index already.)
DROP INDEX IF EXISTS "item_sightings_kind_project_created_at_idx";
CREATE INDEX IF NOT EXISTS "item_sightings_kind_project_item_id_created_at_idx" ON "item_sightings"("kind", "project", "item_id", "created_at");
