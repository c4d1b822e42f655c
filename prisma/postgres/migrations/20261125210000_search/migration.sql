-- Full-text search over prompt, response and summary: the twin of SQLite's FTS5 table
-- (prisma/migrations/20261125100000_search_audit). As there, the index lives in its own table,
-- kept in step by triggers, so every writer (tools writing SQL directly included) keeps it
-- right, and interactions keeps exactly the columns of its Prisma model.

-- unaccent ships with PostgreSQL (contrib) and is a trusted extension: a database owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Words as SQLite's unicode61 tokenizer with remove_diacritics 2 sees them: case- and
-- accent-insensitive, no stemming, no stop words. The unaccent dictionary only rewrites a word
-- and passes it on to simple, which lower-cases it.
CREATE TEXT SEARCH CONFIGURATION "atocore_search" (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION "atocore_search"
    ALTER MAPPING FOR word, numword, hword, hword_part, numhword, hword_numpart WITH unaccent, simple;

-- The document of one interaction. unicode61 splits at every character that is not a letter or
-- a digit; PostgreSQL's parser instead keeps paths, e-mail addresses, hosts, versions and
-- hyphenated words whole, so punctuation is turned into spaces first (ASCII, and the quotes,
-- dashes and ellipsis that model output is full of): "/usr/bin" is then the words usr and bin
-- on both databases.
--
-- The text is capped so that a capture can never fail because of search: a tsvector holds at
-- most 1 MB of distinct words, and 150,000 characters are at most 600 KB of UTF-8 (900 KB
-- should unaccent and lower-casing widen some of them). Words past the caps (the first 60,000
-- characters of the prompt and the response, 30,000 of the summary) are not found on
-- PostgreSQL; SQLite indexes the whole text.
--
-- Punctuation becomes spaces in one regular-expression pass (ASCII punctuation as ranges, then
-- the typographic quotes, dashes and ellipsis): translate() against a 47-character list made
-- indexing the biggest cost of a capture (5,000 captures of 2.8 KB: 15.6 s against 4.6 s with
-- the expression and 0.4 s without search, on a loaded 2-core machine).
CREATE FUNCTION "atocore_search_document"(prompt TEXT, response TEXT, response_summary TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('atocore_search', regexp_replace(
        left(prompt, 60000) || ' ' || left(response, 60000) || ' ' || left(response_summary, 30000),
        '[!-/:-@[-`{-~‘’‚“”„–—…«»‹›·•]+', ' ', 'g'))
$$;

CREATE TABLE "interactions_search" (
    "seq" INTEGER NOT NULL,
    "document" tsvector NOT NULL,

    CONSTRAINT "interactions_search_pkey" PRIMARY KEY ("seq"),
    CONSTRAINT "interactions_search_seq_fkey" FOREIGN KEY ("seq") REFERENCES "interactions"("seq") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "interactions_search_document_idx" ON "interactions_search" USING gin ("document");

CREATE FUNCTION "interactions_search_index"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "interactions_search" ("seq", "document")
    VALUES (NEW."seq", "atocore_search_document"(NEW."prompt", NEW."response", NEW."response_summary"))
    ON CONFLICT ("seq") DO UPDATE SET "document" = excluded."document";
    RETURN NULL;
END
$$;

CREATE TRIGGER "interactions_search_insert" AFTER INSERT ON "interactions"
FOR EACH ROW EXECUTE FUNCTION "interactions_search_index"();

-- A completion (PATCH) adds the response or the summary: the document is rebuilt.
CREATE TRIGGER "interactions_search_update" AFTER UPDATE OF "prompt", "response", "response_summary" ON "interactions"
FOR EACH ROW WHEN (OLD."prompt" IS DISTINCT FROM NEW."prompt" OR OLD."response" IS DISTINCT FROM NEW."response"
                   OR OLD."response_summary" IS DISTINCT FROM NEW."response_summary")
EXECUTE FUNCTION "interactions_search_index"();

-- Index the rows captured before this migration.
INSERT INTO "interactions_search" ("seq", "document")
SELECT "seq", "atocore_search_document"("prompt", "response", "response_summary") FROM "interactions";
