import { describe, expect, it } from "vitest";
import { parseSearch } from "@/lib/search/fts-query";
import { highlightSegments } from "@/lib/search/highlight";

const terms = (q: string) => {
  const r = parseSearch(q);
  if (!r.ok) throw new Error(r.message);
  return r.value.terms;
};
const marked = (text: string, q: string) =>
  highlightSegments(text, terms(q))
    .filter((s) => s.match)
    .map((s) => s.text);

describe("highlightSegments", () => {
  it("splits text into plain and matched segments that rebuild the text", () => {
    const text = "Rotate the <b>API</b> keys; rotation done.";
    const segs = highlightSegments(text, terms("rotat* api"));
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs.filter((s) => s.match).map((s) => s.text)).toEqual(["Rotate", "API", "rotation"]);
  });
  it("matches whole words unless prefix, ignoring case and accents as FTS5 does", () => {
    expect(marked("café Cafe cafeteria", "cafe")).toEqual(["café", "Cafe"]);
    expect(marked("key keys keyring", "key")).toEqual(["key"]);
    expect(marked("key keys keyring", "key*")).toEqual(["key", "keys", "keyring"]);
  });
  it("highlights the words of a phrase, never NOT terms", () => {
    expect(marked("the api keys rotate", '"api keys" NOT rotate')).toEqual(["api", "keys"]);
  });
  it("returns the text as one plain segment when nothing matches", () => {
    expect(highlightSegments("nothing here", terms("zzz"))).toEqual([{ text: "nothing here", match: false }]);
    expect(highlightSegments("", terms("zzz"))).toEqual([]);
  });
});

describe("highlightSegments for substring terms (Japanese, Chinese, Thai, ...)", () => {
  it("highlights every occurrence inside the text, with words and other substrings", () => {
    const text = "キャッシュの無効化: deploy Deploy し、キャッシュを再構築";
    expect(marked(text, "キャッシュ")).toEqual(["キャッシュ", "キャッシュ"]);
    expect(marked(text, "deploy 無効")).toEqual(["無効", "deploy", "Deploy"]);
    expect(highlightSegments(text, terms("無効 無効化 化")).map((s) => s.text).join("")).toBe(text);
    expect(marked(text, "無効 無効化 化")).toEqual(["無効化"]);
    expect(marked("缓存失效 สวัสดีครับ", "失效 ดี")).toEqual(["失效", "ดี"]);
  });
  it("ignores case in mixed terms, takes the text literally and never marks NOT terms", () => {
    expect(marked("ÉTÉキャッシュ été", "étéキャ")).toEqual(["ÉTÉキャ"]);
    expect(marked("a.b無効 ab無効", "a.b無効")).toEqual(["a.b無効"]);
    expect(marked("キャッシュの無効化", "キャッシュ NOT 無効化")).toEqual(["キャッシュ"]);
  });
});
