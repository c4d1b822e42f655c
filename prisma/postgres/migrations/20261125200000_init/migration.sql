-- The PostgreSQL schema, equal to the SQLite one after all of prisma/migrations: the same
-- tables, columns, keys and indexes, with JSON as jsonb and times as timestamptz(3).
-- Full-text search follows in its own migration.

-- CreateTable
CREATE TABLE "interactions" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT '',
    "response_summary" TEXT NOT NULL DEFAULT '',
    "project" TEXT NOT NULL DEFAULT '',
    "client" TEXT NOT NULL DEFAULT '',
    "session_id" TEXT NOT NULL DEFAULT '',
    "memories_used" JSONB NOT NULL DEFAULT '[]',
    "chunks_used" JSONB NOT NULL DEFAULT '[]',
    "context_pack" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "response_added_at" TIMESTAMPTZ(3),

    CONSTRAINT "interactions_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "interaction_uses" (
    "interaction_seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interaction_uses_pkey" PRIMARY KEY ("interaction_seq", "kind", "item_id")
);

-- CreateTable
CREATE TABLE "audit_chain" (
    "seq" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "interaction_id" TEXT NOT NULL,
    "fields" TEXT NOT NULL DEFAULT '',
    "content_hash" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "session_id" TEXT NOT NULL,
    "turns" INTEGER NOT NULL,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seq" INTEGER NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("session_id")
);

-- CreateTable
CREATE TABLE "session_projects" (
    "session_id" TEXT NOT NULL,
    "project" TEXT NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seq" INTEGER NOT NULL,

    CONSTRAINT "session_projects_pkey" PRIMARY KEY ("session_id", "project")
);

-- CreateTable
CREATE TABLE "session_clients" (
    "session_id" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seq" INTEGER NOT NULL,

    CONSTRAINT "session_clients_pkey" PRIMARY KEY ("session_id", "client")
);

-- CreateIndex
CREATE UNIQUE INDEX "interactions_id_key" ON "interactions"("id");
CREATE INDEX "interactions_created_at_seq_idx" ON "interactions"("created_at", "seq");
CREATE INDEX "interactions_project_created_at_seq_idx" ON "interactions"("project", "created_at", "seq");
CREATE INDEX "interactions_client_created_at_seq_idx" ON "interactions"("client", "created_at", "seq");
CREATE INDEX "interactions_session_id_created_at_seq_idx" ON "interactions"("session_id", "created_at", "seq");
CREATE INDEX "interactions_project_client_created_at_seq_idx" ON "interactions"("project", "client", "created_at", "seq");
CREATE INDEX "interaction_uses_kind_item_id_created_at_interaction_seq_idx" ON "interaction_uses"("kind", "item_id", "created_at", "interaction_seq");
CREATE INDEX "audit_chain_interaction_id_kind_idx" ON "audit_chain"("interaction_id", "kind");
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "sessions_last_at_last_seq_idx" ON "sessions"("last_at", "last_seq");
CREATE INDEX "session_projects_project_last_at_last_seq_idx" ON "session_projects"("project", "last_at", "last_seq");
CREATE INDEX "session_clients_client_last_at_last_seq_idx" ON "session_clients"("client", "last_at", "last_seq");

-- AddForeignKey
ALTER TABLE "interaction_uses" ADD CONSTRAINT "interaction_uses_interaction_seq_fkey" FOREIGN KEY ("interaction_seq") REFERENCES "interactions"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- Session summaries, kept by the database itself exactly as the SQLite triggers do (see
-- prisma/migrations/20261125130000_sessions): every writer keeps them right.
CREATE FUNCTION "interactions_sessions_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s_last_at TIMESTAMPTZ(3);
    s_last_seq INTEGER;
BEGIN
    -- In ON CONFLICT's SET every expression sees the row as it was, as in SQLite.
    INSERT INTO "sessions" ("session_id", "turns", "first_at", "last_at", "last_seq")
    VALUES (NEW."session_id", 1, NEW."created_at", NEW."created_at", NEW."seq")
    ON CONFLICT ("session_id") DO UPDATE SET
        "turns" = "sessions"."turns" + 1,
        "first_at" = least("sessions"."first_at", excluded."first_at"),
        "last_seq" = CASE WHEN (excluded."last_at", excluded."last_seq") > ("sessions"."last_at", "sessions"."last_seq")
                          THEN excluded."last_seq" ELSE "sessions"."last_seq" END,
        "last_at" = greatest("sessions"."last_at", excluded."last_at")
    RETURNING "last_at", "last_seq" INTO s_last_at, s_last_seq;

    INSERT INTO "session_projects" ("session_id", "project", "last_at", "last_seq")
    VALUES (NEW."session_id", NEW."project", s_last_at, s_last_seq) ON CONFLICT DO NOTHING;
    INSERT INTO "session_clients" ("session_id", "client", "last_at", "last_seq")
    VALUES (NEW."session_id", NEW."client", s_last_at, s_last_seq) ON CONFLICT DO NOTHING;

    UPDATE "session_projects" SET "last_at" = s_last_at, "last_seq" = s_last_seq
    WHERE "session_id" = NEW."session_id" AND "last_seq" <> s_last_seq;
    UPDATE "session_clients" SET "last_at" = s_last_at, "last_seq" = s_last_seq
    WHERE "session_id" = NEW."session_id" AND "last_seq" <> s_last_seq;
    RETURN NULL;
END
$$;

CREATE TRIGGER "interactions_sessions_insert" AFTER INSERT ON "interactions"
FOR EACH ROW WHEN (NEW."session_id" <> '') EXECUTE FUNCTION "interactions_sessions_insert"();

-- Should a row ever be deleted (retention, a manual fix), the summaries are recomputed from the
-- session's remaining turns. Unlike SQLite, PostgreSQL runs AFTER ROW triggers once the whole
-- statement has deleted its rows, so each run removes every project and client of the session
-- that no remaining interaction has, whichever row it runs for: every run computes the same
-- summaries from the same final rows, in any order (tests/unit/sessions-triggers.test.ts).
CREATE FUNCTION "interactions_sessions_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER "interactions_sessions_delete" AFTER DELETE ON "interactions"
FOR EACH ROW WHEN (OLD."session_id" <> '') EXECUTE FUNCTION "interactions_sessions_delete"();
