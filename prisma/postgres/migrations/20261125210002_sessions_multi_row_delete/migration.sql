-- A DELETE of several rows of one session (retention, a manual fix) failed on PostgreSQL with
-- "null value in column last_at of relation session_projects": PostgreSQL runs AFTER ROW
-- triggers once the whole statement has deleted its rows (SQLite runs each at once), so the
-- trigger of the first row found the session gone while the project and client rows of the
-- other deleted rows were still there, and copied the missing session's NULL order into them.
-- Each run now removes every project and client of the session that no remaining interaction
-- has, whichever row it runs for: every run computes the same summaries from the same final
-- rows, in any order (tests/unit/sessions-triggers.test.ts).
CREATE OR REPLACE FUNCTION "interactions_sessions_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "session_projects" AS sp WHERE sp."session_id" = OLD."session_id"
      AND NOT EXISTS (SELECT 1 FROM "interactions" AS i WHERE i."session_id" = sp."session_id" AND i."project" = sp."project");
    DELETE FROM "session_clients" AS sc WHERE sc."session_id" = OLD."session_id"
      AND NOT EXISTS (SELECT 1 FROM "interactions" AS i WHERE i."session_id" = sc."session_id" AND i."client" = sc."client");
    DELETE FROM "sessions" WHERE "session_id" = OLD."session_id"
      AND NOT EXISTS (SELECT 1 FROM "interactions" WHERE "session_id" = OLD."session_id");

    -- Nothing below matches a session that has no interactions left (its rows are gone).
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
    RETURN NULL;
END
$$;
