-- Which rows the trigram index holds (20261206010000_substring_search) is unchanged; deciding
-- it is made cheap. The GLOB of the script ranges tries each of its 13 ranges at every character
-- of the text, a large share of a capture's insert, paid by every row although few hold such a
-- character. Two necessary conditions go first, each far cheaper than the one after it: a
-- character beyond ASCII (the text has more bytes than characters), then one in the three spans
-- that hold every range (U+0E00-U+1FFF, U+3040-U+FFEF, U+20000-U+323AF: not the punctuation,
-- symbols and emoji of U+2000-U+303F and U+FFF0-U+1FFFF). SQLite evaluates AND from the left
-- and stops at the first false term. tests/unit/trigram-rows.test.ts checks the rows it keeps.
DROP TRIGGER "interactions_trigram_insert";
DROP TRIGGER "interactions_trigram_update";

CREATE TRIGGER "interactions_trigram_insert" AFTER INSERT ON "interactions" BEGIN
    INSERT INTO "interactions_trigram"(rowid, text)
    SELECT new.seq, new.prompt || char(10) || new.response || char(10) || new.response_summary || char(10, 10)
    WHERE length(CAST(new.prompt || char(10) || new.response || char(10) || new.response_summary AS BLOB)) > length(new.prompt || char(10) || new.response || char(10) || new.response_summary)
      AND new.prompt || char(10) || new.response || char(10) || new.response_summary GLOB '*[฀-῿぀-￯𠀀-𲎯]*'
      AND new.prompt || char(10) || new.response || char(10) || new.response_summary GLOB '*[฀-໿က-႟ᄀ-ᇿក-៿぀-ヿ㄰-㆏ㇰ-ㇿ㐀-䶿一-鿿가-힯豈-﫿･-ﾟ𠀀-𲎯]*';
END;

CREATE TRIGGER "interactions_trigram_update" AFTER UPDATE OF prompt, response, response_summary ON "interactions" BEGIN
    DELETE FROM "interactions_trigram" WHERE rowid = old.seq;
    INSERT INTO "interactions_trigram"(rowid, text)
    SELECT new.seq, new.prompt || char(10) || new.response || char(10) || new.response_summary || char(10, 10)
    WHERE length(CAST(new.prompt || char(10) || new.response || char(10) || new.response_summary AS BLOB)) > length(new.prompt || char(10) || new.response || char(10) || new.response_summary)
      AND new.prompt || char(10) || new.response || char(10) || new.response_summary GLOB '*[฀-῿぀-￯𠀀-𲎯]*'
      AND new.prompt || char(10) || new.response || char(10) || new.response_summary GLOB '*[฀-໿က-႟ᄀ-ᇿក-៿぀-ヿ㄰-㆏ㇰ-ㇿ㐀-䶿一-鿿가-힯豈-﫿･-ﾟ𠀀-𲎯]*';
END;
