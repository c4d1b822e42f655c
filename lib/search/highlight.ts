import type { SearchTerm } from "@/lib/search/fts-query";

// Which parts of a text a search matched, as plain segments for the UI to wrap in <mark>:
// never HTML, so user text stays text. Words are compared the way FTS5's unicode61
// tokenizer with remove_diacritics compares them (case- and accent-insensitive), so what is
// highlighted is what matched. Phrase words are highlighted one by one; NOT terms never are.

export type Segment = { text: string; match: boolean };

const WORDS = /[\p{L}\p{N}]+/gu;

export function foldWord(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

type Needle = { word: string; prefix: boolean };

function needles(terms: SearchTerm[]): Needle[] {
  return terms
    .filter((t) => !t.negated)
    .flatMap((t) => {
      const words = t.text.match(WORDS) ?? [];
      return words.map((w, i) => ({ word: foldWord(w), prefix: t.prefix && i === words.length - 1 }));
    });
}

export function highlightSegments(text: string, terms: SearchTerm[]): Segment[] {
  const wanted = needles(terms);
  if (wanted.length === 0 || text === "") return text === "" ? [] : [{ text, match: false }];
  const out: Segment[] = [];
  const push = (s: string, match: boolean) => {
    if (s === "") return;
    const last = out.at(-1);
    if (last && last.match === match) last.text += s;
    else out.push({ text: s, match });
  };
  let at = 0;
  for (const m of text.matchAll(WORDS)) {
    const w = foldWord(m[0]);
    if (!wanted.some((n) => (n.prefix ? w.startsWith(n.word) : w === n.word))) continue;
    push(text.slice(at, m.index), false);
    push(m[0], true);
    at = m.index + m[0].length;
  }
  push(text.slice(at), false);
  return out;
}
