import { parseSearch, type SearchTerm } from "@/lib/search/fts-query";
import { highlightSegments } from "@/lib/search/highlight";

type Props = {
  text: string;
  /** The search as typed (the `q` of the URL); an invalid or empty search highlights nothing. */
  query?: string;
  /** Or terms already parsed, when one search highlights many cells. */
  terms?: SearchTerm[];
};

/** Search-term lookup for many cells: parse the URL's q once. */
export function searchTerms(query: string | undefined): SearchTerm[] {
  if (!query?.trim()) return [];
  const parsed = parseSearch(query);
  return parsed.ok ? parsed.value.terms : [];
}

/** Text with the words a search matched wrapped in <mark>; text is only ever text. */
export function Highlight({ text, query, terms }: Props) {
  const segments = highlightSegments(text, terms ?? searchTerms(query));
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-px text-inherit dark:bg-amber-500/40">
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
    </>
  );
}
