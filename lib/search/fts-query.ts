// A user's search text, checked and rewritten into an FTS5 MATCH expression (SQLite) and a
// tsquery (PostgreSQL) that cannot fail to parse. The user's words never reach either as
// syntax: every FTS5 term is emitted as a quoted string (so "-", ":", "(", column names and
// the like are plain text), every tsquery operand is a quoted run of letters and digits, and
// only the operators we recognise are emitted as operators. Both are passed as parameters.
//
// Accepted: words (all must match), "a phrase", prefix* and "phrase prefix"*, and the
// operators AND, OR, NOT (upper case, between two terms). Anything else is refused with a
// message a person can act on.
//
// A term holding a character of a script written without spaces between words (Japanese,
// Chinese, Thai, ...: SCRIPT_CHAR) is a substring search instead: the word index sees a whole
// run of such characters as one word, so キャッシュ could never be found inside
// キャッシュの無効化. Substring terms are searched in the trigram index (lib/db/sql/search-sql.ts),
// case-insensitively, `*` adding nothing to them.

/**
 * `substring`: matched as a substring of the text (a term holding a SCRIPT_CHAR), not as words.
 */
export type SearchTerm = { text: string; prefix: boolean; phrase: boolean; negated: boolean; substring: boolean };
export type ParsedSearch = {
  /** The FTS5 MATCH expression (SQLite) of the word index, when no term is a substring term. */
  match: string;
  /** The same search as to_tsquery text (PostgreSQL, lib/db/sql/search-sql.ts). */
  tsquery: string;
  terms: SearchTerm[];
  /**
   * The search as alternatives (OR) of terms that must all hold, NOT terms negated: the form
   * both databases evaluate when word and substring terms mix. NOT binds tighter than AND and
   * is binary (AND NOT), so every alternative starts with a term that is not negated.
   */
  anyOf: SearchTerm[][];
};

/**
 * Hiragana, katakana (full and half width), CJK ideographs (BMP, extensions and compatibility),
 * hangul, Thai, Lao, Khmer and Myanmar. The same ranges decide which rows the trigram index
 * holds (prisma/migrations/20261206010000_substring_search on both databases).
 */
export const SCRIPT_CHAR =
  /[\u0E00-\u0EFF\u1000-\u109F\u1100-\u11FF\u1780-\u17FF\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF65-\uFF9F\u{20000}-\u{323AF}]/u;
export type SearchParseResult = { ok: true; value: ParsedSearch } | { ok: false; message: string };

const OPERATORS = new Set(["AND", "OR", "NOT"]);
export const MAX_SEARCH_CHARS = 500;
const MAX_TERMS = 32;
// Letters or digits: what the unicode61 tokenizer indexes. A term without any matches nothing,
// unless it is a substring term (a Thai vowel or tone mark alone is one).
const WORD = /[\p{L}\p{N}]/u;
const searchable = (text: string) => WORD.test(text) || SCRIPT_CHAR.test(text);

type Term = Omit<SearchTerm, "negated" | "substring">;
type Token = { kind: "term"; term: Term } | { kind: "op"; op: string };

function tokenize(input: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = input.indexOf('"', i + 1);
      if (end === -1) return "a quote is not closed: put a \" at the end of the phrase";
      const text = input.slice(i + 1, end);
      const prefix = input[end + 1] === "*";
      i = end + (prefix ? 2 : 1);
      if (i < input.length && !/\s/.test(input[i])) return `put a space after the phrase "${text}"`;
      if (!searchable(text)) return `the phrase "${text}" has no letters or digits`;
      tokens.push({ kind: "term", term: { text: text.trim().replace(/\s+/g, " "), prefix, phrase: true } });
    } else {
      let end = i;
      while (end < input.length && !/\s/.test(input[end])) end++;
      const word = input.slice(i, end);
      i = end;
      if (word.includes('"')) return `a quote must start a phrase, not sit inside "${word.replace(/"/g, "")}"`;
      if (OPERATORS.has(word)) {
        tokens.push({ kind: "op", op: word });
        continue;
      }
      const prefix = word.endsWith("*");
      const text = prefix ? word.slice(0, -1) : word;
      if (text.includes("*")) return `'*' is only allowed at the end of a word (prefix search), as in ${text.replace(/\*/g, "")}*`;
      if (!searchable(text)) return prefix && text === "" ? "'*' must follow the start of a word, as in deploy*" : `'${word}' has no letters or digits to search for`;
      tokens.push({ kind: "term", term: { text, prefix, phrase: false } });
    }
  }
  return tokens;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** A term as an FTS5 operand: always a quoted string, `*` outside the quotes. */
export const ftsOperand = (term: Term) => quote(term.text) + (term.prefix ? "*" : "");

// FTS5's unicode61 splits a term into runs of letters and digits, a phrase's words must follow
// each other, and `"..."*` makes the last word a prefix. The tsquery says the same with the
// same words: 'a' <-> 'b':*. A word is only letters and digits, so it never holds a quote or a
// backslash (tsquery's escapes) and to_tsquery folds it exactly as the indexed text.
const TOKEN = /[\p{L}\p{N}]+/gu;
export function tsOperand(term: Term): string {
  const words = term.text.match(TOKEN) ?? [];
  const operand = words.map((w, i) => `'${w}'${term.prefix && i === words.length - 1 ? ":*" : ""}`).join(" <-> ");
  return words.length > 1 ? `(${operand})` : operand;
}
// FTS5's binary NOT is AND NOT (& !); both languages bind NOT tighter than AND, and AND than OR.
const TS_OPERATOR: Record<string, string> = { AND: "&", OR: "|", NOT: "&" };

/** Parses a search box's text; an empty text is not a search (callers treat it as no filter). */
export function parseSearch(input: string): SearchParseResult {
  if (input.length > MAX_SEARCH_CHARS) return { ok: false, message: `the search is longer than ${MAX_SEARCH_CHARS} characters` };
  const tokens = tokenize(input);
  if (typeof tokens === "string") return { ok: false, message: tokens };
  if (tokens.length === 0) return { ok: false, message: "the search is empty" };

  const parts: string[] = [];
  const tsParts: string[] = [];
  const terms: SearchTerm[] = [];
  const anyOf: SearchTerm[][] = [];
  let pendingOp: string | null = null;
  for (const [n, t] of tokens.entries()) {
    if (t.kind === "op") {
      if (n === 0) return { ok: false, message: `${t.op} needs a term before it, as in: deploy ${t.op} rollback` };
      if (pendingOp) return { ok: false, message: `${pendingOp} ${t.op}: two operators in a row need a term between them` };
      pendingOp = t.op;
      continue;
    }
    if (parts.length > 0) {
      parts.push(pendingOp ?? "AND");
      tsParts.push(TS_OPERATOR[pendingOp ?? "AND"]);
    }
    const term = { ...t.term, negated: pendingOp === "NOT", substring: SCRIPT_CHAR.test(t.term.text) };
    terms.push(term);
    if (pendingOp === "OR" || anyOf.length === 0) anyOf.push([term]);
    else anyOf.at(-1)!.push(term);
    parts.push(ftsOperand(t.term));
    tsParts.push((pendingOp === "NOT" ? "!" : "") + tsOperand(t.term));
    pendingOp = null;
  }
  if (pendingOp) return { ok: false, message: `${pendingOp} needs a term after it, as in: deploy ${pendingOp} rollback` };
  if (terms.length > MAX_TERMS) return { ok: false, message: `the search has more than ${MAX_TERMS} terms` };
  return { ok: true, value: { match: parts.join(" "), tsquery: tsParts.join(" "), terms, anyOf } };
}
