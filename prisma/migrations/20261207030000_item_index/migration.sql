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
-- pages.

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

-- Backfill from the interactions already stored: the packs are read once into a temporary
-- table, then every table is filled set-based from it. stored_pack_item_sightings() is a
-- table-valued function lib/db/sqlite/migration-functions.ts registers on the migrating
-- connection: every stored interaction's memories and chunks, in seq order, offered (one row per
-- version, with its content_md5) or used, read with the code that indexes every later capture,
-- so the two agree by construction, on threads of their own that parse while this connection
-- writes. It gives a version's content on its first row only: the temporary table holds each
-- pack's items, not their texts again. (Earlier texts walked the packs in SQL, json_tree and
-- json_each per object, which re-parse JSON text at every step: 31 min for 1,000,000
-- interactions of 50-item packs; then read them with a function per interaction on this
-- connection; lib/db/migrations.ts accepts databases that applied them, as they derive the same
-- rows but for the order of ids among versions first seen by one interaction.)
CREATE TEMP TABLE "backfill_pack_items" AS
SELECT "interaction_seq", "created_at", "project", "client", "kind", "item_id", "content", "content_md5", "offered", "used", "versions"
FROM "stored_pack_item_sightings"();

-- One row per item and version with its figures: how many interactions offered it, and its
-- share of the item's offers and uses (an interaction offering an item in n versions, rare,
-- gives each 1/n: the item counts it once); plus one per item used without being offered
-- (content_md5 NULL). Grouped without the texts: a version's text is on its first row
-- (first_row), which the versions' insert looks up, so the sort does not carry it.
CREATE TEMP TABLE "backfill_versions" AS
SELECT "kind", "item_id", "content_md5", min("rowid") AS "first_row", min("created_at") AS "first_seen", max("created_at") AS "last_seen",
       count(*) AS "interactions", sum("offered" * 1.0 / max("versions", 1)) AS "offered", sum("used" * 1.0 / max("versions", 1)) AS "used"
FROM "backfill_pack_items" GROUP BY "kind", "item_id", "content_md5";

-- Ids in the order versions were first seen, those first seen together in the pack's order
-- (the temporary table's rowid), as the capture path numbers them.
INSERT INTO "item_versions" ("kind", "item_id", "content", "content_md5", "first_seen", "last_seen", "interactions")
SELECT v."kind", v."item_id", p."content", v."content_md5", v."first_seen", v."last_seen", v."interactions"
FROM "backfill_versions" AS v JOIN "backfill_pack_items" AS p ON p."rowid" = v."first_row"
WHERE v."content_md5" IS NOT NULL ORDER BY v."first_seen", v."first_row";

-- An item's figures from its versions' (the shares of an interaction's n versions add up to 1:
-- rounded, as a sum of n floats 1/n may miss it by an ulp).
INSERT INTO "item_stats" ("kind", "item_id", "offered", "used", "used_unoffered", "use_rate", "first_seen", "last_seen", "versions")
SELECT "kind", "item_id", "offered", "used", "used_unoffered",
       CASE WHEN "offered" = 0 THEN -1 ELSE "used" * 1.0 / "offered" END, "first_seen", "last_seen", "versions"
FROM (
  SELECT "kind", "item_id", CAST(round(sum("offered")) AS INTEGER) AS "offered", CAST(round(sum("used")) AS INTEGER) AS "used",
         sum(CASE WHEN "content_md5" IS NULL THEN "interactions" ELSE 0 END) AS "used_unoffered",
         min("first_seen") AS "first_seen", max("last_seen") AS "last_seen", count("content_md5") AS "versions"
  FROM "backfill_versions" GROUP BY "kind", "item_id"
);

DROP TABLE "backfill_versions";

-- A row per interaction and item, in the order stored (no sort), but for an item a pack
-- offers in several versions (rare): sighted once, with the older version.
INSERT INTO "item_sightings" ("interaction_seq", "kind", "item_id", "version_id", "offered", "used", "created_at", "project", "client")
SELECT p."interaction_seq", p."kind", p."item_id", v."id", p."offered", p."used", p."created_at", p."project", p."client"
FROM "backfill_pack_items" AS p
LEFT JOIN "item_versions" AS v ON v."kind" = p."kind" AND v."item_id" = p."item_id" AND v."content_md5" = p."content_md5"
WHERE p."versions" <= 1
UNION ALL
SELECT p."interaction_seq", p."kind", p."item_id", min(v."id"), 1, max(p."used"), p."created_at", p."project", p."client"
FROM "backfill_pack_items" AS p
JOIN "item_versions" AS v ON v."kind" = p."kind" AND v."item_id" = p."item_id" AND v."content_md5" = p."content_md5"
WHERE p."versions" > 1
GROUP BY p."interaction_seq", p."kind", p."item_id";

DROP TABLE "backfill_pack_items";

-- Indexed once filled: an index built from the whole table is one sort, where filling it row by
-- row wrote each of its pages many times.
CREATE INDEX "item_stats_kind_offered_item_id_idx" ON "item_stats"("kind", "offered", "item_id");
CREATE INDEX "item_stats_kind_used_item_id_idx" ON "item_stats"("kind", "used", "item_id");
CREATE INDEX "item_stats_kind_use_rate_item_id_idx" ON "item_stats"("kind", "use_rate", "item_id");
CREATE INDEX "item_stats_kind_last_seen_item_id_idx" ON "item_stats"("kind", "last_seen", "item_id");
CREATE INDEX "item_stats_kind_versions_item_id_idx" ON "item_stats"("kind", "versions", "item_id");
-- The sightings' indexes are those the later migrations settled on (20261207060000_item_removal,
-- 20261207100000_item_sightings_slim), so that a backfill builds each once; earlier texts built
-- (kind, item_id, created_at) and (kind, project, created_at), which those migrations drop.
CREATE INDEX "item_sightings_version_id_created_at_interaction_seq_idx" ON "item_sightings"("version_id", "created_at", "interaction_seq");
CREATE INDEX "item_sightings_kind_created_at_idx" ON "item_sightings"("kind", "created_at");
CREATE INDEX "item_sightings_kind_project_item_id_created_at_idx" ON "item_sightings"("kind", "project", "item_id", "created_at");
CREATE INDEX "item_sightings_kind_client_created_at_idx" ON "item_sightings"("kind", "client", "created_at");

-- Read from the (kind, project, item_id, created_at) index just built: one pass in its order, no sort.
INSERT INTO "item_projects" ("kind", "item_id", "project")
SELECT DISTINCT "kind", "item_id", "project" FROM "item_sightings";
