-- The same document as 20261125210000_search, with punctuation turned into spaces by one
-- regular expression instead of translate(): translate() compares every character of the text
-- with each of the 47 characters of its list, which made indexing the biggest cost of a capture
-- (5,000 captures of 2.8 KB: 15.6 s against 0.4 s without search, on this loaded machine);
-- the expression is one pass. The characters are the same (ASCII punctuation as ranges, then
-- the typographic quotes, dashes and ellipsis), so every stored document stays as it is.
CREATE OR REPLACE FUNCTION "atocore_search_document"(prompt TEXT, response TEXT, response_summary TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('atocore_search', regexp_replace(
        left(prompt, 60000) || ' ' || left(response, 60000) || ' ' || left(response_summary, 30000),
        '[!-/:-@[-`{-~‘’‚“”„–—…«»‹›·•]+', ' ', 'g'))
$$;
