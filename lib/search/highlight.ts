import type { SearchTerm } from "@/lib/search/fts-query";

// Which parts of a text a search matched, as plain segments for the UI to wrap in <mark>:
// never HTML, so user text stays text. Words are compared the way FTS5's unicode61
// tokenizer with remove_diacritics compares them (case- and accent-insensitive), and substring
// terms (Japanese, Chinese, Thai, ...) are found anywhere, ignoring case, as the trigram index
// finds them, so what is highlighted is what matched. Phrase words are highlighted one by one;
// NOT terms never are.

export type Segment = { text: string; match: boolean };

const WORDS = /[\p{L}\p{N}]+/gu;

export function foldWord(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

type Needle = { word: string; prefix: boolean };

function needles(terms: SearchTerm[]): Needle[] {
  return terms
    .filter((t) => !t.negated && !t.substring)
    .flatMap((t) => {
      const words = t.text.match(WORDS) ?? [];
      return words.map((w, i) => ({ word: foldWord(w), prefix: t.prefix && i === words.length - 1 }));
    });
}

// One case-insensitive pattern for every substring term, longest first so the longest of
// overlapping terms wins where they start at the same place.
function substrings(terms: SearchTerm[]): RegExp | null {
  const texts = [...new Set(terms.filter((t) => !t.negated && t.substring).map((t) => t.text))];
  if (texts.length === 0) return null;
  const escaped = texts.sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(escaped.join("|"), "giu");
}

/** The [start, end) ranges of `text` a search matched, in order and not overlapping. */
function matchedRanges(text: string, terms: SearchTerm[]): [number, number][] {
  const ranges: [number, number][] = [];
  const wanted = needles(terms);
  if (wanted.length > 0) {
    for (const m of text.matchAll(WORDS)) {
      const w = foldWord(m[0]);
      if (wanted.some((n) => (n.prefix ? w.startsWith(n.word) : w === n.word))) ranges.push([m.index, m.index + m[0].length]);
    }
  }
  const pattern = substrings(terms);
  if (pattern) for (const m of text.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

export function highlightSegments(text: string, terms: SearchTerm[]): Segment[] {
  if (text === "") return [];
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of matchedRanges(text, terms)) {
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}
