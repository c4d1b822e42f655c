-- The memory audit's item index (issue 23), the twin of prisma/migrations/20261207030000_item_index
-- (the rules are described there): kept by a trigger inside the capture's own transaction.
-- A version's content is the item's jsonb without the volatile fields, as text; jsonb orders
-- keys itself. Its uniqueness is on md5(content), since a btree entry cannot hold a long text.

CREATE TABLE "item_stats" (
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "offered" INTEGER NOT NULL,
    "used" INTEGER NOT NULL,
    "used_unoffered" INTEGER NOT NULL,
    "use_rate" DOUBLE PRECISION NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "versions" INTEGER NOT NULL,

    CONSTRAINT "item_stats_pkey" PRIMARY KEY ("kind", "item_id")
);

CREATE TABLE "item_versions" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "interactions" INTEGER NOT NULL,

    CONSTRAINT "item_versions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "item_sightings" (
    "interaction_seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "version_id" INTEGER,
    "offered" INTEGER NOT NULL,
    "used" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "project" TEXT NOT NULL,
    "client" TEXT NOT NULL,

    CONSTRAINT "item_sightings_pkey" PRIMARY KEY ("interaction_seq", "kind", "item_id")
);

CREATE TABLE "item_projects" (
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "project" TEXT NOT NULL,

    CONSTRAINT "item_projects_pkey" PRIMARY KEY ("kind", "item_id", "project")
);

CREATE UNIQUE INDEX "item_versions_kind_item_id_content_key" ON "item_versions"("kind", "item_id", md5("content"));
CREATE INDEX "item_versions_kind_item_id_idx" ON "item_versions"("kind", "item_id");
CREATE INDEX "item_stats_kind_offered_item_id_idx" ON "item_stats"("kind", "offered", "item_id");
CREATE INDEX "item_stats_kind_used_item_id_idx" ON "item_stats"("kind", "used", "item_id");
CREATE INDEX "item_stats_kind_use_rate_item_id_idx" ON "item_stats"("kind", "use_rate", "item_id");
CREATE INDEX "item_stats_kind_last_seen_item_id_idx" ON "item_stats"("kind", "last_seen", "item_id");
CREATE INDEX "item_stats_kind_versions_item_id_idx" ON "item_stats"("kind", "versions", "item_id");
CREATE INDEX "item_sightings_kind_item_id_created_at_idx" ON "item_sightings"("kind", "item_id", "created_at");
CREATE INDEX "item_sightings_version_id_created_at_interaction_seq_idx" ON "item_sightings"("version_id", "created_at", "interaction_seq");
CREATE INDEX "item_sightings_kind_created_at_idx" ON "item_sightings"("kind", "created_at");
CREATE INDEX "item_sightings_kind_project_created_at_idx" ON "item_sightings"("kind", "project", "created_at");
CREATE INDEX "item_sightings_kind_client_created_at_idx" ON "item_sightings"("kind", "client", "created_at");

ALTER TABLE "item_sightings" ADD CONSTRAINT "item_sightings_interaction_seq_fkey" FOREIGN KEY ("interaction_seq") REFERENCES "interactions"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every memory or chunk object of one pack with its version content.
CREATE FUNCTION "pack_item_contents"(jsonb, jsonb, jsonb)
RETURNS TABLE ("kind" TEXT, "item_id" TEXT, "content" TEXT)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
WITH RECURSIVE "nodes"("value", "path") AS (
    SELECT $1, ''::text
    UNION ALL
    SELECT c."value", n."path" || '/' || c."key"
    FROM "nodes" AS n,
    LATERAL (SELECT e."key", e."value"
             FROM jsonb_each(CASE WHEN jsonb_typeof(n."value") = 'object' THEN n."value" ELSE '{}'::jsonb END) AS e
             UNION ALL
             SELECT (a."n" - 1)::text, a."value"
             FROM jsonb_array_elements(CASE WHEN jsonb_typeof(n."value") = 'array' THEN n."value" ELSE '[]'::jsonb END)
                  WITH ORDINALITY AS a("value", "n")) AS c
    WHERE jsonb_typeof(c."value") IN ('object', 'array')
), "candidates" AS (
    SELECT "value", "path",
           CASE WHEN jsonb_typeof("value" -> 'memory_id') IN ('string', 'number') THEN "value" ->> 'memory_id' END AS "mid",
           CASE WHEN jsonb_typeof("value" -> 'chunk_id') IN ('string', 'number') THEN "value" ->> 'chunk_id' END AS "cid",
           CASE WHEN jsonb_typeof("value" -> 'id') IN ('string', 'number') THEN "value" ->> 'id' END AS "pid"
    FROM "nodes" WHERE jsonb_typeof("value") = 'object'
), "kinded" AS (
    SELECT "value",
           CASE WHEN "mid" IS NOT NULL AND $2 ? "mid" THEN 'memory'
                WHEN "cid" IS NOT NULL AND $3 ? "cid" THEN 'chunk'
                WHEN "pid" IS NOT NULL AND $2 ? "pid" THEN 'memory'
                WHEN "pid" IS NOT NULL AND $3 ? "pid" THEN 'chunk'
                WHEN "mid" IS NOT NULL THEN 'memory'
                WHEN "cid" IS NOT NULL THEN 'chunk'
                WHEN "path" ~* 'memor' THEN 'memory'
                WHEN "path" ~* 'chunk' THEN 'chunk'
           END AS "kind",
           CASE WHEN "mid" IS NOT NULL AND $2 ? "mid" THEN "mid"
                WHEN "cid" IS NOT NULL AND $3 ? "cid" THEN "cid"
                WHEN "pid" IS NOT NULL AND ($2 ? "pid" OR $3 ? "pid") THEN "pid"
                ELSE coalesce("mid", "cid", "pid")
           END AS "item_id"
    FROM "candidates" WHERE "mid" IS NOT NULL OR "cid" IS NOT NULL OR "pid" IS NOT NULL
)
SELECT DISTINCT "kind", "item_id",
       ("value" - ARRAY['score', 'scores', 'rank', 'ranking', 'distance', 'similarity', 'relevance', 'relevance_score', 'rerank_score', 'confidence', 'weight', 'position']::text[])::text
FROM "kinded" WHERE "kind" IS NOT NULL
$$;

-- The rows one interaction adds: its versions (upserted), its sightings. A used list that is
-- not an array (a row written around the API) lists nothing, as the readers take it.
CREATE FUNCTION "item_sightings_of"("seq" INTEGER, "created_at" TIMESTAMPTZ(3), "project" TEXT, "client" TEXT,
                                    "pack" JSONB, "memories_used" JSONB, "chunks_used" JSONB)
RETURNS VOID LANGUAGE sql AS $$
WITH "v" AS (
    INSERT INTO "item_versions" ("kind", "item_id", "content", "first_seen", "last_seen", "interactions")
    SELECT p."kind", p."item_id", p."content", $2, $2, 1 FROM "pack_item_contents"($5, $6, $7) AS p
    ON CONFLICT ("kind", "item_id", md5("content")) DO UPDATE SET
        "first_seen" = least("item_versions"."first_seen", excluded."first_seen"),
        "last_seen" = greatest("item_versions"."last_seen", excluded."last_seen"),
        "interactions" = "item_versions"."interactions" + 1
    RETURNING "id", "kind", "item_id"
)
INSERT INTO "item_sightings" ("interaction_seq", "kind", "item_id", "version_id", "offered", "used", "created_at", "project", "client")
SELECT $1, s."kind", s."item_id", min(s."version_id"), max(s."offered"), max(s."used"), $2, $3, $4
FROM (SELECT "kind", "item_id", "id" AS "version_id", 1 AS "offered", 0 AS "used" FROM "v"
      UNION ALL SELECT 'memory', u, NULL, 0, 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof($6) = 'array' THEN $6 ELSE '[]'::jsonb END) AS u
      UNION ALL SELECT 'chunk', u, NULL, 0, 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof($7) = 'array' THEN $7 ELSE '[]'::jsonb END) AS u) AS s
GROUP BY s."kind", s."item_id"
$$;

CREATE FUNCTION "interactions_items_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "item_sightings_of"(NEW."seq", NEW."created_at", NEW."project", NEW."client",
                                NEW."context_pack", NEW."memories_used", NEW."chunks_used");

    -- In ON CONFLICT's SET every expression sees the row as it was, as in SQLite.
    INSERT INTO "item_stats" ("kind", "item_id", "offered", "used", "used_unoffered", "use_rate", "first_seen", "last_seen", "versions")
    SELECT s."kind", s."item_id", s."offered", s."used", s."used" * (1 - s."offered"),
           CASE WHEN s."offered" = 0 THEN -1 ELSE s."used"::float8 END, s."created_at", s."created_at",
           (SELECT count(*) FROM "item_versions" AS v WHERE v."kind" = s."kind" AND v."item_id" = s."item_id")
    FROM "item_sightings" AS s WHERE s."interaction_seq" = NEW."seq"
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
    SELECT "kind", "item_id", NEW."project" FROM "item_sightings" WHERE "interaction_seq" = NEW."seq"
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER "interactions_items_insert" AFTER INSERT ON "interactions"
FOR EACH ROW EXECUTE FUNCTION "interactions_items_insert"();

-- Backfill from the interactions already stored, set-based: the packs are walked once.
CREATE TEMP TABLE "backfill_pack_items" ON COMMIT DROP AS
SELECT i."seq" AS "interaction_seq", i."created_at", p."kind", p."item_id", p."content"
FROM "interactions" AS i, LATERAL "pack_item_contents"(i."context_pack", i."memories_used", i."chunks_used") AS p;

INSERT INTO "item_versions" ("kind", "item_id", "content", "first_seen", "last_seen", "interactions")
SELECT "kind", "item_id", "content", min("created_at"), max("created_at"), count(*)
FROM "backfill_pack_items" GROUP BY "kind", "item_id", "content" ORDER BY min("created_at"), min("interaction_seq");

INSERT INTO "item_sightings" ("interaction_seq", "kind", "item_id", "version_id", "offered", "used", "created_at", "project", "client")
SELECT s."interaction_seq", s."kind", s."item_id", min(s."version_id"), max(s."offered"), max(s."used"), i."created_at", i."project", i."client"
FROM (SELECT p."interaction_seq", p."kind", p."item_id", v."id" AS "version_id", 1 AS "offered", 0 AS "used"
      FROM "backfill_pack_items" AS p
      JOIN "item_versions" AS v ON v."kind" = p."kind" AND v."item_id" = p."item_id" AND md5(v."content") = md5(p."content")
      UNION ALL SELECT i."seq", 'memory', u, NULL, 0, 1 FROM "interactions" AS i, jsonb_array_elements_text(CASE WHEN jsonb_typeof(i."memories_used") = 'array' THEN i."memories_used" ELSE '[]'::jsonb END) AS u
      UNION ALL SELECT i."seq", 'chunk', u, NULL, 0, 1 FROM "interactions" AS i, jsonb_array_elements_text(CASE WHEN jsonb_typeof(i."chunks_used") = 'array' THEN i."chunks_used" ELSE '[]'::jsonb END) AS u) AS s
JOIN "interactions" AS i ON i."seq" = s."interaction_seq"
GROUP BY s."interaction_seq", s."kind", s."item_id", i."created_at", i."project", i."client";

INSERT INTO "item_stats" ("kind", "item_id", "offered", "used", "used_unoffered", "use_rate", "first_seen", "last_seen", "versions")
SELECT s."kind", s."item_id", sum(s."offered"), sum(s."used"), sum(s."used" * (1 - s."offered")),
       CASE WHEN sum(s."offered") = 0 THEN -1 ELSE sum(s."used")::float8 / sum(s."offered") END,
       min(s."created_at"), max(s."created_at"), count(DISTINCT s."version_id")
FROM "item_sightings" AS s GROUP BY s."kind", s."item_id";

INSERT INTO "item_projects" ("kind", "item_id", "project")
SELECT DISTINCT "kind", "item_id", "project" FROM "item_sightings";
