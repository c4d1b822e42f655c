-- The memory audit's item index (issue 23). On SQLite the capture's own transaction writes it
-- (lib/db/sqlite/item-index-writes.ts, from the pack the request already parsed: a trigger
-- walking the stored JSON again cost several times the capture); every writer of the app
-- (single capture, batch, import) goes through it. This migration builds it for the rows
-- already stored, with the same rules, in SQL.
--
-- An item is a memory or chunk object of a context pack, identified as
-- lib/context-pack/analyze-pack.ts does: an object carrying memory_id (a memory), chunk_id (a
-- chunk) or id; a plain id is the memory or chunk the agent reported using under that id,
-- else the kind its path names ("memor..." before "chunk..."); objects whose kind stays
-- unknown are not indexed. An item is "used" in an interaction when its id is listed in
-- memories_used / chunks_used, whether or not the pack carries it.
--
-- A version is the item's object without its volatile ranking fields (the list in
-- lib/memory-audit/volatile-fields.ts; tests/unit/memory-audit-volatile.test.ts keeps this
-- file in step with it), top-level keys sorted, as JSON text. Versions are told apart by the
-- MD5 of that text (content_md5, 16 bytes), as PostgreSQL does with md5(content): a unique
-- index over the text itself made every capture's upserts compare long keys on overflow
-- pages. SQLite has no md5(); lib/db/sqlite/migrate.ts registers one for this backfill, and
-- the capture's writer computes it itself.

-- One row per item: its figures over all interactions. use_rate is used / offered, -1 when
-- never offered (a sort key that is never NULL; the API answers null).
CREATE TABLE "item_stats" (
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "offered" INTEGER NOT NULL,
    "used" INTEGER NOT NULL,
    "used_unoffered" INTEGER NOT NULL,
    "use_rate" REAL NOT NULL,
    "first_seen" DATETIME NOT NULL,
    "last_seen" DATETIME NOT NULL,
    "versions" INTEGER NOT NULL,

    PRIMARY KEY ("kind", "item_id")
);

-- One row per distinct content of an item.
CREATE TABLE "item_versions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "content_md5" BLOB NOT NULL,
    "first_seen" DATETIME NOT NULL,
    "last_seen" DATETIME NOT NULL,
    "interactions" INTEGER NOT NULL
);

-- One row per (interaction, item) offered or used there, with the interaction's time, project
-- and client, so that filtered figures and the interactions under a version are index ranges.
CREATE TABLE "item_sightings" (
    "interaction_seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "version_id" INTEGER,
    "offered" INTEGER NOT NULL,
    "used" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "project" TEXT NOT NULL,
    "client" TEXT NOT NULL,

    PRIMARY KEY ("interaction_seq", "kind", "item_id"),
    CONSTRAINT "item_sightings_interaction_seq_fkey" FOREIGN KEY ("interaction_seq") REFERENCES "interactions" ("seq") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The projects an item was seen in.
CREATE TABLE "item_projects" (
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "project" TEXT NOT NULL,

    PRIMARY KEY ("kind", "item_id", "project")
);

CREATE UNIQUE INDEX "item_versions_kind_item_id_content_md5_key" ON "item_versions"("kind", "item_id", "content_md5");

-- Every memory or chunk object of every pack with its version content (the rules above). The
-- pack is walked once (json_tree); an object is found through its id members, read from the
-- object's own text (the node's value), never from the whole pack again. Whether an id is
-- listed in memories_used / chunks_used is a search for its JSON string in the list's text.
-- (Its first text grouped json_tree's rows by object, which carried every pack's text through
-- the sort once per item: 50 min for 1,000,000 interactions where this takes a few; the rows it
-- derives are the same, and lib/db/migrations.ts accepts databases that applied that text.)
CREATE VIEW "pack_item_contents" AS
SELECT o."seq" AS "interaction_seq", o."created_at", o."project", o."client", o."kind", o."item_id",
       (SELECT json_group_object(e."key", CASE WHEN e."type" IN ('object', 'array') THEN json(e."value")
                                               WHEN e."type" = 'true' THEN json('true')
                                               WHEN e."type" = 'false' THEN json('false')
                                               ELSE e."value" END)
        FROM (SELECT "key", "value", "type" FROM json_each(o."object")
              WHERE "key" NOT IN ('score', 'scores', 'rank', 'ranking', 'distance', 'similarity', 'relevance', 'relevance_score', 'rerank_score', 'confidence', 'weight', 'position')
              ORDER BY "key") AS e) AS "content"
FROM (
    SELECT c."seq", c."created_at", c."project", c."client", c."object",
           CASE WHEN c."mid" IS NOT NULL AND instr(c."memories_used", json_quote(c."mid")) > 0 THEN 'memory'
                WHEN c."cid" IS NOT NULL AND instr(c."chunks_used", json_quote(c."cid")) > 0 THEN 'chunk'
                WHEN c."pid" IS NOT NULL AND instr(c."memories_used", json_quote(c."pid")) > 0 THEN 'memory'
                WHEN c."pid" IS NOT NULL AND instr(c."chunks_used", json_quote(c."pid")) > 0 THEN 'chunk'
                WHEN c."mid" IS NOT NULL THEN 'memory'
                WHEN c."cid" IS NOT NULL THEN 'chunk'
                WHEN lower(c."path") LIKE '%memor%' THEN 'memory'
                WHEN lower(c."path") LIKE '%chunk%' THEN 'chunk'
           END AS "kind",
           CASE WHEN c."mid" IS NOT NULL AND instr(c."memories_used", json_quote(c."mid")) > 0 THEN c."mid"
                WHEN c."cid" IS NOT NULL AND instr(c."chunks_used", json_quote(c."cid")) > 0 THEN c."cid"
                WHEN c."pid" IS NOT NULL AND instr(c."memories_used", json_quote(c."pid")) > 0 THEN c."pid"
                WHEN c."pid" IS NOT NULL AND instr(c."chunks_used", json_quote(c."pid")) > 0 THEN c."pid"
                ELSE coalesce(c."mid", c."cid", c."pid")
           END AS "item_id"
    FROM (
        SELECT n."seq", n."created_at", n."project", n."client", n."memories_used", n."chunks_used", n."path", n."object",
               CASE WHEN json_type(n."object", '$.memory_id') IN ('text', 'integer', 'real') THEN CAST(json_extract(n."object", '$.memory_id') AS TEXT) END AS "mid",
               CASE WHEN json_type(n."object", '$.chunk_id') IN ('text', 'integer', 'real') THEN CAST(json_extract(n."object", '$.chunk_id') AS TEXT) END AS "cid",
               CASE WHEN json_type(n."object", '$.id') IN ('text', 'integer', 'real') THEN CAST(json_extract(n."object", '$.id') AS TEXT) END AS "pid"
        FROM (
            SELECT i."seq", i."created_at", i."project", i."client", i."memories_used", i."chunks_used",
                   t."fullkey" AS "path", t."value" AS "object"
            FROM "interactions" AS i, json_tree(i."context_pack") AS t
            WHERE t."type" = 'object'
        ) AS n
    ) AS c
    WHERE c."mid" IS NOT NULL OR c."cid" IS NOT NULL OR c."pid" IS NOT NULL
) AS o
WHERE o."kind" IS NOT NULL;

-- Backfill from the interactions already stored: the packs are walked once into a temporary
-- table, then every table is filled set-based from it.
CREATE TEMP TABLE "backfill_pack_items" AS
SELECT "interaction_seq", "created_at", "project", "client", "kind", "item_id", "content" FROM "pack_item_contents";

INSERT INTO "item_versions" ("kind", "item_id", "content", "content_md5", "first_seen", "last_seen", "interactions")
SELECT "kind", "item_id", "content", md5("content"), min("created_at"), max("created_at"), count(DISTINCT "interaction_seq")
FROM "backfill_pack_items" GROUP BY "kind", "item_id", "content" ORDER BY min("created_at"), min("interaction_seq");

INSERT INTO "item_sightings" ("interaction_seq", "kind", "item_id", "version_id", "offered", "used", "created_at", "project", "client")
SELECT s."interaction_seq", s."kind", s."item_id", min(s."version_id"), max(s."offered"), max(s."used"), i."created_at", i."project", i."client"
FROM (SELECT p."interaction_seq", p."kind", p."item_id", v."id" AS "version_id", 1 AS "offered", 0 AS "used"
      FROM "backfill_pack_items" AS p
      JOIN "item_versions" AS v ON v."kind" = p."kind" AND v."item_id" = p."item_id" AND v."content" = p."content"
      UNION ALL SELECT i."seq", 'memory', CAST(u."value" AS TEXT), NULL, 0, 1 FROM "interactions" AS i, json_each(i."memories_used") AS u
      UNION ALL SELECT i."seq", 'chunk', CAST(u."value" AS TEXT), NULL, 0, 1 FROM "interactions" AS i, json_each(i."chunks_used") AS u) AS s
JOIN "interactions" AS i ON i."seq" = s."interaction_seq"
GROUP BY s."interaction_seq", s."kind", s."item_id";

DROP TABLE "backfill_pack_items";

INSERT INTO "item_stats" ("kind", "item_id", "offered", "used", "used_unoffered", "use_rate", "first_seen", "last_seen", "versions")
SELECT s."kind", s."item_id", sum(s."offered"), sum(s."used"), sum(s."used" * (1 - s."offered")),
       CASE WHEN sum(s."offered") = 0 THEN -1 ELSE sum(s."used") * 1.0 / sum(s."offered") END,
       min(s."created_at"), max(s."created_at"), count(DISTINCT s."version_id")
FROM "item_sightings" AS s GROUP BY s."kind", s."item_id";

INSERT INTO "item_projects" ("kind", "item_id", "project")
SELECT DISTINCT "kind", "item_id", "project" FROM "item_sightings";

-- Indexed once filled: an index built from the whole table is one sort, where filling it row by
-- row wrote each of its pages many times.
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
