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
-- version) or used, read with the code that indexes every later capture,
-- so the two agree by construction, on threads of their own that parse while this connection
-- writes. It numbers the versions as it meets them ("version": 1, 2, ... in the order first
-- sighted, as the capture path numbers them; an item used without being offered gets a negative
-- number of its own), marks each version's first row ("first"), which alone carries its content
-- and content_md5, and sums each version's figures, which stored_pack_item_versions() then
-- gives: no sighting looks its version up, and the sightings are never sorted by version.
-- (Earlier texts walked the packs in SQL, json_tree and json_each per object, which re-parse
-- JSON text at every step: 31 min for 1,000,000 interactions of 50-item packs; then read them
-- with a function per interaction on this connection; then grouped the sightings by (kind,
-- item_id, content_md5) and looked each one's version up in item_versions, two steps that grew
-- worse than linearly with the file; lib/db/migrations.ts accepts databases that applied them,
-- as they derive the same rows but for the order of ids.)
CREATE TEMP TABLE "backfill_pack_items" (
    "interaction_seq", "created_at", "project", "client", "kind", "item_id", "content", "content_md5", "offered", "used", "versions", "version", "first"
);
-- Filled with the rows: the first rows of items used without being offered (rare; item_stats
-- takes what they are from there, the offered versions' from item_versions), and the rare items
-- a pack offers in several versions.
CREATE INDEX temp."backfill_pack_items_unoffered" ON "backfill_pack_items"("version", "kind", "item_id") WHERE "first" = 1 AND "version" < 0;
CREATE INDEX temp."backfill_pack_items_versions" ON "backfill_pack_items"("interaction_seq", "kind", "item_id") WHERE "versions" > 1;
INSERT INTO "backfill_pack_items"
SELECT "interaction_seq", "created_at", "project", "client", "kind", "item_id", "content", "content_md5", "offered", "used", "versions", "version", "first"
FROM "stored_pack_item_sightings"();

-- One row per version with its figures: how many interactions offered it, and its share of the
-- item's offers and uses (an interaction offering an item in n versions, rare, gives each 1/n:
-- the item counts it once); plus one per item used without being offered (a negative number).
CREATE TEMP TABLE "backfill_versions" ("version" INTEGER PRIMARY KEY, "first_seen", "last_seen", "interactions", "offered", "used");
INSERT INTO "backfill_versions" SELECT "version", "first_seen", "last_seen", "interactions", "offered", "used" FROM "stored_pack_item_versions"();

-- The numbers are the ids. One pass over the rows, in the order numbered, for the first ones.
INSERT INTO "item_versions" ("id", "kind", "item_id", "content", "content_md5", "first_seen", "last_seen", "interactions")
SELECT p."version", p."kind", p."item_id", p."content", p."content_md5", v."first_seen", v."last_seen", v."interactions"
FROM "backfill_pack_items" AS p CROSS JOIN "backfill_versions" AS v ON v."version" = p."version"
WHERE p."first" = 1 AND p."version" > 0;

-- An item's figures from its versions' (the shares of an interaction's n versions add up to 1:
-- rounded, as a sum of n floats 1/n may miss it by an ulp).
INSERT INTO "item_stats" ("kind", "item_id", "offered", "used", "used_unoffered", "use_rate", "first_seen", "last_seen", "versions")
SELECT "kind", "item_id", "offered", "used", "used_unoffered",
       CASE WHEN "offered" = 0 THEN -1 ELSE "used" * 1.0 / "offered" END, "first_seen", "last_seen", "versions"
FROM (
  SELECT i."kind", i."item_id", CAST(round(sum(v."offered")) AS INTEGER) AS "offered", CAST(round(sum(v."used")) AS INTEGER) AS "used",
         sum(CASE WHEN i."version" < 0 THEN v."interactions" ELSE 0 END) AS "used_unoffered",
         min(v."first_seen") AS "first_seen", max(v."last_seen") AS "last_seen", sum(i."version" > 0) AS "versions"
  FROM (
    SELECT "kind", "item_id", "id" AS "version" FROM "item_versions"
    UNION ALL
    SELECT "kind", "item_id", "version" FROM "backfill_pack_items" INDEXED BY "backfill_pack_items_unoffered" WHERE "first" = 1 AND "version" < 0
  ) AS i CROSS JOIN "backfill_versions" AS v ON v."version" = i."version"
  GROUP BY i."kind", i."item_id"
);

DROP TABLE "backfill_versions";

-- A row per interaction and item, in the order stored (no sort), but for an item a pack
-- offers in several versions (rare): sighted once, with the older version.
INSERT INTO "item_sightings" ("interaction_seq", "kind", "item_id", "version_id", "offered", "used", "created_at", "project", "client")
SELECT "interaction_seq", "kind", "item_id", CASE WHEN "version" > 0 THEN "version" END, "offered", "used", "created_at", "project", "client"
FROM "backfill_pack_items" WHERE "versions" <= 1
UNION ALL
SELECT "interaction_seq", "kind", "item_id", min("version"), 1, max("used"), "created_at", "project", "client"
FROM "backfill_pack_items" INDEXED BY "backfill_pack_items_versions" WHERE "versions" > 1
GROUP BY "interaction_seq", "kind", "item_id";

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
