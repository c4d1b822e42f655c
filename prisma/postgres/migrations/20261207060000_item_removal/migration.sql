-- Removing interactions (retention, a pack redaction) keeps the item index by difference
-- (lib/db/sql/item-index-removal.ts): each check that an item still has sightings in a project
-- is one seek in this index, where (kind, project, created_at) read every sighting of the
-- project's items until a match.
DROP INDEX "item_sightings_kind_project_created_at_idx";
CREATE INDEX "item_sightings_kind_project_item_id_created_at_idx" ON "item_sightings"("kind", "project", "item_id", "created_at");

-- Everything one interaction adds to the item index, as the insert trigger did it: a
-- redaction that changes a stored pack indexes the row again through the same function.
CREATE FUNCTION "item_index_add"("p_seq" INTEGER, "p_created_at" TIMESTAMPTZ(3), "p_project" TEXT, "p_client" TEXT,
                                 "p_pack" JSONB, "p_memories_used" JSONB, "p_chunks_used" JSONB)
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "item_sightings_of"("p_seq", "p_created_at", "p_project", "p_client", "p_pack", "p_memories_used", "p_chunks_used");

    -- In ON CONFLICT's SET every expression sees the row as it was, as in SQLite.
    INSERT INTO "item_stats" ("kind", "item_id", "offered", "used", "used_unoffered", "use_rate", "first_seen", "last_seen", "versions")
    SELECT s."kind", s."item_id", s."offered", s."used", s."used" * (1 - s."offered"),
           CASE WHEN s."offered" = 0 THEN -1 ELSE s."used"::float8 END, s."created_at", s."created_at",
           (SELECT count(*) FROM "item_versions" AS v WHERE v."kind" = s."kind" AND v."item_id" = s."item_id")
    FROM "item_sightings" AS s WHERE s."interaction_seq" = "p_seq"
    ON CONFLICT ("kind", "item_id") DO UPDATE SET
        "offered" = "item_stats"."offered" + excluded."offered",
        "used" = "item_stats"."used" + excluded."used",
        "used_unoffered" = "item_stats"."used_unoffered" + excluded."used_unoffered",
        "use_rate" = CASE WHEN "item_stats"."offered" + excluded."offered" = 0 THEN -1
                          ELSE ("item_stats"."used" + excluded."used")::float8 / ("item_stats"."offered" + excluded."offered") END,
        "first_seen" = least("item_stats"."first_seen", excluded."first_seen"),
        "last_seen" = greatest("item_stats"."last_seen", excluded."last_seen"),
        "versions" = excluded."versions";

    INSERT INTO "item_projects" ("kind", "item_id", "project")
    SELECT s."kind", s."item_id", "p_project" FROM "item_sightings" AS s WHERE s."interaction_seq" = "p_seq"
    ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION "interactions_items_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "item_index_add"(NEW."seq", NEW."created_at", NEW."project", NEW."client",
                             NEW."context_pack", NEW."memories_used", NEW."chunks_used");
    RETURN NULL;
END
$$;
