-- Session summaries, kept by the database itself: every path that writes interactions
-- (single capture, batch, import, a tool writing the file directly) keeps them right.
--
-- A session's order is (last_at, last_seq): the time and capture order of its newest turn.
-- last_seq is unique, so the pair is the same keyset cursor the interactions list uses.
-- session_projects / session_clients hold one row per (session, project|client) seen,
-- carrying the session's own (last_at, last_seq), so that a project- or client-filtered
-- list is an index range scan in session order (see lib/sessions/find-sessions.ts).

-- CreateTable
CREATE TABLE "sessions" (
    "session_id" TEXT NOT NULL PRIMARY KEY,
    "turns" INTEGER NOT NULL,
    "first_at" DATETIME NOT NULL,
    "last_at" DATETIME NOT NULL,
    "last_seq" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "session_projects" (
    "session_id" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "last_at" DATETIME NOT NULL,
    "last_seq" INTEGER NOT NULL,

    PRIMARY KEY ("session_id", "project")
);

-- CreateTable
CREATE TABLE "session_clients" (
    "session_id" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "last_at" DATETIME NOT NULL,
    "last_seq" INTEGER NOT NULL,

    PRIMARY KEY ("session_id", "client")
);

-- CreateIndex
CREATE INDEX "sessions_last_at_last_seq_idx" ON "sessions"("last_at", "last_seq");

-- CreateIndex
CREATE INDEX "session_projects_project_last_at_last_seq_idx" ON "session_projects"("project", "last_at", "last_seq");

-- CreateIndex
CREATE INDEX "session_clients_client_last_at_last_seq_idx" ON "session_clients"("client", "last_at", "last_seq");

-- Backfill from the interactions already stored.
INSERT INTO "sessions" ("session_id", "turns", "first_at", "last_at", "last_seq")
SELECT g."session_id", g."turns", g."first_at", n."created_at", n."seq"
FROM (SELECT "session_id", count(*) AS "turns", min("created_at") AS "first_at"
      FROM "interactions" WHERE "session_id" <> '' GROUP BY "session_id") AS g
JOIN "interactions" AS n ON n."seq" = (
    SELECT i."seq" FROM "interactions" AS i WHERE i."session_id" = g."session_id"
    ORDER BY i."created_at" DESC, i."seq" DESC LIMIT 1);

INSERT INTO "session_projects" ("session_id", "project", "last_at", "last_seq")
SELECT DISTINCT i."session_id", i."project", s."last_at", s."last_seq"
FROM "interactions" AS i JOIN "sessions" AS s ON s."session_id" = i."session_id";

INSERT INTO "session_clients" ("session_id", "client", "last_at", "last_seq")
SELECT DISTINCT i."session_id", i."client", s."last_at", s."last_seq"
FROM "interactions" AS i JOIN "sessions" AS s ON s."session_id" = i."session_id";

-- A new turn: count it, widen the span, and move the session's order key (on the session
-- and on each of its project/client rows) when it is the newest turn.
CREATE TRIGGER "interactions_sessions_insert" AFTER INSERT ON "interactions"
WHEN NEW."session_id" <> ''
BEGIN
    INSERT INTO "sessions" ("session_id", "turns", "first_at", "last_at", "last_seq")
    VALUES (NEW."session_id", 1, NEW."created_at", NEW."created_at", NEW."seq")
    ON CONFLICT ("session_id") DO UPDATE SET
        "turns" = "turns" + 1,
        "first_at" = min("first_at", excluded."first_at"),
        "last_seq" = CASE WHEN (excluded."last_at", excluded."last_seq") > ("last_at", "last_seq")
                          THEN excluded."last_seq" ELSE "last_seq" END,
        "last_at" = max("last_at", excluded."last_at");

    INSERT OR IGNORE INTO "session_projects" ("session_id", "project", "last_at", "last_seq")
    VALUES (NEW."session_id", NEW."project", NEW."created_at", NEW."seq");
    INSERT OR IGNORE INTO "session_clients" ("session_id", "client", "last_at", "last_seq")
    VALUES (NEW."session_id", NEW."client", NEW."created_at", NEW."seq");

    UPDATE "session_projects" SET ("last_at", "last_seq") =
        (SELECT "last_at", "last_seq" FROM "sessions" WHERE "session_id" = NEW."session_id")
    WHERE "session_id" = NEW."session_id" AND "last_seq" <> (SELECT "last_seq" FROM "sessions" WHERE "session_id" = NEW."session_id");
    UPDATE "session_clients" SET ("last_at", "last_seq") =
        (SELECT "last_at", "last_seq" FROM "sessions" WHERE "session_id" = NEW."session_id")
    WHERE "session_id" = NEW."session_id" AND "last_seq" <> (SELECT "last_seq" FROM "sessions" WHERE "session_id" = NEW."session_id");
END;

-- Interactions are append-only through the API; should a row ever be deleted (retention,
-- a manual fix), the summaries are recomputed from the session's remaining turns.
CREATE TRIGGER "interactions_sessions_delete" AFTER DELETE ON "interactions"
WHEN OLD."session_id" <> ''
BEGIN
    DELETE FROM "session_projects" WHERE "session_id" = OLD."session_id" AND "project" = OLD."project"
      AND NOT EXISTS (SELECT 1 FROM "interactions" WHERE "session_id" = OLD."session_id" AND "project" = OLD."project");
    DELETE FROM "session_clients" WHERE "session_id" = OLD."session_id" AND "client" = OLD."client"
      AND NOT EXISTS (SELECT 1 FROM "interactions" WHERE "session_id" = OLD."session_id" AND "client" = OLD."client");
    DELETE FROM "sessions" WHERE "session_id" = OLD."session_id"
      AND NOT EXISTS (SELECT 1 FROM "interactions" WHERE "session_id" = OLD."session_id");

    UPDATE "sessions" SET
        "turns" = (SELECT count(*) FROM "interactions" WHERE "session_id" = OLD."session_id"),
        "first_at" = (SELECT min("created_at") FROM "interactions" WHERE "session_id" = OLD."session_id"),
        ("last_at", "last_seq") = (SELECT "created_at", "seq" FROM "interactions" WHERE "session_id" = OLD."session_id"
                                   ORDER BY "created_at" DESC, "seq" DESC LIMIT 1)
    WHERE "session_id" = OLD."session_id";
    UPDATE "session_projects" SET ("last_at", "last_seq") =
        (SELECT "last_at", "last_seq" FROM "sessions" WHERE "session_id" = OLD."session_id")
    WHERE "session_id" = OLD."session_id";
    UPDATE "session_clients" SET ("last_at", "last_seq") =
        (SELECT "last_at", "last_seq" FROM "sessions" WHERE "session_id" = OLD."session_id")
    WHERE "session_id" = OLD."session_id";
END;
