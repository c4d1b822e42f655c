import { describe, expect, it } from "vitest";
import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { DIFF_TEXT_CHARS, diffPacks, diffPacksShown, summarizePack } from "@/lib/sessions/pack-diff";
import { cutText } from "@/lib/sessions/cut-text";
import { fullItemText } from "@/lib/sessions/pack-item-text";

type Turn = { context_pack: unknown; memories_used: readonly string[]; chunks_used: readonly string[] };

/**
 * The diff between two turns' packs, as the session views compute it (summaries keeping the
 * texts) and as the detail page does (summaries kept in its cache, with MD5s): the same.
 */
const packDiff = (previous: Turn, current: Turn) => {
  const diff = (digests: "md5" | "text") =>
    diffPacks(
      summarizePack(analyzePack(previous.context_pack, previous.memories_used, previous.chunks_used), digests),
      summarizePack(analyzePack(current.context_pack, current.memories_used, current.chunks_used), digests),
    );
  const kept = diff("md5");
  expect(diff("text")).toEqual(kept);
  return kept;
};

const turn = (memories_used: string[], chunks_used: string[], context_pack: Record<string, unknown> = {}) => ({
  memories_used,
  chunks_used,
  context_pack,
});

describe("packDiff", () => {
  it("labels what entered, left, changed text and changed its used / offered mark, compared by id in the packs", () => {
    const previous = turn(["m1", "m3"], ["c1"], {
      memories: [
        { id: "m1", text: "likes tea" },
        { id: "m2", text: "lives in Oslo" },
        { id: "m3", text: "owns a cat" },
        { id: "m4", text: "was here" },
      ],
      chunks: [{ chunk_id: "c1", text: "Cats sleep." }],
    });
    // m3 used in both turns, but the used ids alone would call nothing here: the packs differ.
    const current = turn(["m3", "m2"], ["c1"], {
      memories: [
        { id: "m5", text: "arrived" },
        { id: "m1", text: "likes green tea" },
        { id: "m2", text: "lives in Oslo" },
        { id: "m3", text: "owns a cat", score: 0.1 },
      ],
      chunks: [{ chunk_id: "c1", text: "Cats sleep 16 hours." }],
    });
    const diff = packDiff(previous, current);
    expect(diff.items.map((i) => [i.change, i.kind, i.id, i.text_changed, i.mark_changed, i.previous_mark, i.mark])).toEqual([
      ["entered", "memory", "m5", false, false, null, "offered"],
      ["left", "memory", "m4", false, false, "offered", "offered"],
      ["changed", "memory", "m1", true, true, "used", "offered"],
      ["changed", "memory", "m2", false, true, "offered", "used"],
      ["changed", "chunk", "c1", true, false, "used", "used"],
    ]);
    expect(diff.items[2]).toMatchObject({ text: "likes green tea", previous_text: "likes tea" });
    expect(diff.items[3].previous_text).toBeNull();
    // m3: another field changed, its text and mark did not.
    expect(diff.counts).toEqual({ entered: 1, left: 1, text_changed: 2, mark_changed: 2, unchanged: 1 });
  });

  it("sees no change between equal packs, and everything entering after an empty one", () => {
    const pack = { memories: [{ id: "a", text: "x" }], chunks: [{ id: "b", text: "y" }] };
    expect(packDiff(turn(["a"], [], pack), turn(["a"], [], pack)).items).toEqual([]);
    const diff = packDiff(turn([], []), turn(["a"], ["b"], pack));
    expect(diff.items.map((i) => [i.change, i.kind, i.id, i.mark])).toEqual([
      ["entered", "memory", "a", "used"],
      ["entered", "chunk", "b", "used"],
    ]);
    expect(packDiff(turn(["a"], ["b"], pack), turn([], [])).counts).toMatchObject({ entered: 0, left: 2 });
  });

  it("keeps memory and chunk ids apart, counts a repeated id once, and cuts long texts", () => {
    const long = "日本語のテキスト🙂".repeat(100);
    const diff = packDiff(
      turn([], [], { memories: [{ id: "1", text: "memory one" }] }),
      turn([], [], { chunks: [{ chunk_id: "1", text: long }, { chunk_id: "1", text: "again" }], memories: [{ id: "1", text: "memory one" }] }),
    );
    expect(diff.items.map((i) => [i.change, i.kind, i.id])).toEqual([["entered", "chunk", "1"]]);
    expect(diff.items[0].text).toBe(`${long.slice(0, DIFF_TEXT_CHARS)}…`);
    expect(diff.counts.unchanged).toBe(1);
  });

  it("diffs packs of thousands of items and packs deeper than the call stack", () => {
    const items = (n: number, shift: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i + shift}`, text: `نص ${i + shift}` }));
    const diff = packDiff(turn([], [], { memories: items(3000, 0) }), turn([], [], { memories: items(3000, 10) }));
    expect(diff.counts).toEqual({ entered: 10, left: 10, text_changed: 0, mark_changed: 0, unchanged: 2990 });
    let deep: Record<string, unknown> = { id: "bottom", text: "found" };
    for (let i = 0; i < 20_000; i++) deep = { next: deep };
    expect(packDiff(turn([], []), turn(["bottom"], [], deep)).items).toMatchObject([{ id: "bottom", change: "entered", mark: "used" }]);
  });

  it("builds only the first entries a page shows, with the whole diff's counts and size", () => {
    const items = (n: number, shift: number, used: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `m${i + shift}`, text: i % 7 === 0 ? `revised ${i}` : `テキスト ${i + shift}`, used: i < used }));
    const summary = (pack: ReturnType<typeof items>) =>
      summarizePack(analyzePack({ memories: pack }, pack.filter((m) => m.used).map((m) => m.id), []), "text");
    const [previous, current] = [summary(items(3000, 0, 5)), summary(items(3000, 40, 50))];
    const whole = diffPacks(previous, current);
    expect(whole.items.length).toBeGreaterThan(400);
    for (const shown of [0, 1, 30, 100, whole.items.length + 5]) {
      const { diff, changes } = diffPacksShown(previous, current, shown);
      expect(diff.counts).toEqual(whole.counts);
      expect(diff.items).toEqual(whole.items.slice(0, shown));
      expect(changes).toBe(whole.items.length);
    }
  });
});

describe("fullItemText", () => {
  it("takes the first text-like field, else the item as JSON", () => {
    expect(fullItemText({ id: "x", title: "first", body: "second" })).toBe("second");
    expect(fullItemText({ id: "y", other: 1 })).toBe('{"id":"y","other":1}');
  });
});

describe("cutText", () => {
  it("cuts to the limit with an ellipsis, never inside an emoji", () => {
    expect(cutText("short", 10)).toBe("short");
    expect(cutText("abcdef", 3)).toBe("abc…");
    expect(cutText("ab🙂cd", 3)).toBe("ab…");
    expect(cutText("ab🙂cd", 4)).toBe("ab🙂…");
  });
});
