import { describe, expect, it } from "vitest";
import { wordDiff } from "@/lib/memory-audit/word-diff";

const side = (segments: ReturnType<typeof wordDiff>, keep: "added" | "removed") =>
  segments.filter((s) => s.op === "same" || s.op === keep).map((s) => s.text).join("");

describe("word diff", () => {
  it("marks the changed words only", () => {
    expect(wordDiff("the deploy runs on Fridays at noon", "the deploy runs on Thursdays at noon")).toEqual([
      { op: "same", text: "the deploy runs on " },
      { op: "removed", text: "Fridays" },
      { op: "added", text: "Thursdays" },
      { op: "same", text: " at noon" },
    ]);
  });

  it("gives both texts back, with markup-like text kept as text", () => {
    const before = "a <b>bold</b> claim 日本語 テキスト 🎉 and more";
    const after = "a <i>bold</i> new claim 日本語 🎉 and more words";
    const d = wordDiff(before, after);
    expect(side(d, "removed")).toBe(before);
    expect(side(d, "added")).toBe(after);
    expect(d.some((s) => s.op === "added" && s.text.includes("<i>bold</i>"))).toBe(true);
  });

  it("has nothing to mark between equal texts", () => {
    expect(wordDiff("same text", "same text")).toEqual([{ op: "same", text: "same text" }]);
  });
});
