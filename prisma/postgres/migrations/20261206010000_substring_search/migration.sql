-- Substring search for scripts written without spaces between words (Japanese, Chinese, Thai,
-- ...): the twin of SQLite's trigram index (prisma/migrations/20261206010000_substring_search).
-- lib/search/search-sql.ts reads these indexes for the search terms holding such a character
-- (SCRIPT_CHAR in lib/search/fts-query.ts, the same ranges as the expressions below).
--
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (PostgreSQL 13 and later):
-- a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The text a substring search reads: prompt, response and summary joined by newlines (no search
-- term holds one, so no match spans two fields), or NULL when none holds a character of these
-- scripts (such a row can never match such a term, and costs the indexes nothing). PL/pgSQL,
-- never inlined, so that the planner sees its cost (it reads the whole text, tens of KB): it
-- reads the matches through the index rather than computing this for every row.
CREATE FUNCTION "atocore_script_text"(prompt TEXT, response TEXT, response_summary TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
DECLARE
    t TEXT := prompt || E'\n' || response || E'\n' || response_summary;
BEGIN
    RETURN CASE WHEN t ~ '[\u0E00-\u0EFF\u1000-\u109F\u1100-\u11FF\u1780-\u17FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF65-\uFF9F\U00020000-\U000323AF]' THEN t END;
END
$$;

-- The characters of these scripts in the text. A term of 1 or 2 characters yields no
-- trigram, so pg_trgm would read every row for it: instead the rows holding all of its
-- characters are found through the GIN index of these characters, then checked with ~*. Each
-- character comes once per occurrence: the GIN index keeps each distinct one once per row. NULL
-- (nothing indexed, at the cost of one regular-expression search) for a text without any. The
-- costliest part of indexing a Japanese capture, so declared dear: the planner reads it from
-- its index rather than computing it per row.
CREATE FUNCTION "atocore_script_chars"(prompt TEXT, response TEXT, response_summary TEXT) RETURNS TEXT[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
DECLARE
    t TEXT := prompt || response || response_summary;
BEGIN
    IF t !~ '[\u0E00-\u0EFF\u1000-\u109F\u1100-\u11FF\u1780-\u17FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF65-\uFF9F\U00020000-\U000323AF]' THEN
        RETURN NULL;
    END IF;
    RETURN string_to_array(regexp_replace(t, '[^\u0E00-\u0EFF\u1000-\u109F\u1100-\u11FF\u1780-\u17FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF65-\uFF9F\U00020000-\U000323AF]', '', 'g'), NULL);
END
$$;

-- Expression indexes (built from the rows already stored, too).
CREATE INDEX "interactions_script_text_trgm_idx" ON "interactions"
    USING gin ("atocore_script_text"("prompt", "response", "response_summary") gin_trgm_ops);
CREATE INDEX "interactions_script_chars_idx" ON "interactions"
    USING gin ("atocore_script_chars"("prompt", "response", "response_summary"));
