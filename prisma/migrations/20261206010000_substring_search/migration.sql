-- Substring search for scripts written without spaces between words (Japanese, Chinese, Thai,
-- ...): the word index (interactions_fts, unicode61) sees a run of such characters as one word,
-- so a word inside it cannot be found. A trigram index finds any substring of 3 characters or
-- more; lib/search/search-sql.ts reads it for the search terms holding such a character
-- (SCRIPT_CHAR in lib/search/fts-query.ts, the same ranges as the GLOB below).
--
-- One row per interaction whose prompt, response or summary holds such a character (a search
-- term on this path holds one, so a row without any can never match it: text in other scripts
-- costs nothing here). The indexed text is prompt, response and summary joined by newlines,
-- which no search term holds, so no match spans two fields; it ends with two newlines, so every
-- occurrence of a term of 1 or 2 characters starts a trigram, and the vocabulary table below
-- finds those terms by the trigrams they begin (a range of its sorted terms).
--
-- Contentless: the text already lives in interactions; the index is kept by triggers, as the
-- word index is, so every writer keeps it right.
CREATE VIRTUAL TABLE "interactions_trigram" USING fts5(
    text,
    content='', contentless_delete=1,
    tokenize='trigram'
);

CREATE VIRTUAL TABLE "interactions_trigram_instance" USING fts5vocab("interactions_trigram", 'instance');

CREATE TRIGGER "interactions_trigram_insert" AFTER INSERT ON "interactions" BEGIN
    INSERT INTO "interactions_trigram"(rowid, text)
    SELECT new.seq, new.prompt || char(10) || new.response || char(10) || new.response_summary || char(10, 10)
    WHERE new.prompt || char(10) || new.response || char(10) || new.response_summary GLOB '*[฀-໿က-႟ᄀ-ᇿក-៿぀-ヿ㄰-㆏ㇰ-ㇿ㐀-䶿一-鿿가-힯豈-﫿･-ﾟ𠀀-𲎯]*';
END;

CREATE TRIGGER "interactions_trigram_delete" AFTER DELETE ON "interactions" BEGIN
    DELETE FROM "interactions_trigram" WHERE rowid = old.seq;
END;

CREATE TRIGGER "interactions_trigram_update" AFTER UPDATE OF prompt, response, response_summary ON "interactions" BEGIN
    DELETE FROM "interactions_trigram" WHERE rowid = old.seq;
    INSERT INTO "interactions_trigram"(rowid, text)
    SELECT new.seq, new.prompt || char(10) || new.response || char(10) || new.response_summary || char(10, 10)
    WHERE new.prompt || char(10) || new.response || char(10) || new.response_summary GLOB '*[฀-໿က-႟ᄀ-ᇿក-៿぀-ヿ㄰-㆏ㇰ-ㇿ㐀-䶿一-鿿가-힯豈-﫿･-ﾟ𠀀-𲎯]*';
END;

-- Index the rows captured before this migration.
INSERT INTO "interactions_trigram"(rowid, text)
SELECT seq, prompt || char(10) || response || char(10) || response_summary || char(10, 10) FROM "interactions"
WHERE prompt || char(10) || response || char(10) || response_summary GLOB '*[฀-໿က-႟ᄀ-ᇿក-៿぀-ヿ㄰-㆏ㇰ-ㇿ㐀-䶿一-鿿가-힯豈-﫿･-ﾟ𠀀-𲎯]*';
