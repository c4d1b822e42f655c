import { describe, expect, it } from "vitest";
import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { ancestorPointers, childPointer } from "@/lib/context-pack/json-pointer";
import { matchPack } from "@/lib/context-pack/match-pack";

describe("analyzePack", () => {
  const pack = {
    query: "rotate keys",
    memories: [
      { id: "mem-1", text: "Keys rotate monthly" },
      { id: "mem-2", text: "Unrelated" },
    ],
    chunks: [{ chunk_id: "doc-3#2", text: "keys rotate ..." }, { id: 7 }],
    nested: { deeper: [{ memory_id: "mem-9" }] },
  };

  it("marks objects whose id was used as used and the rest as offered", () => {
    const a = analyzePack(pack, ["mem-1", "mem-9"], ["doc-3#2", "7"]);
    expect(Object.fromEntries(a.marks)).toEqual({
      "/memories/0": "used",
      "/memories/1": "offered",
      "/chunks/0": "used",
      "/chunks/1": "used",
      "/nested/deeper/0": "used",
    });
    expect([a.used, a.offered]).toEqual([4, 1]);
    expect(a.items.map((i) => [i.id, i.kind])).toEqual([
      ["mem-1", "memory"],
      ["mem-2", "memory"],
      ["doc-3#2", "chunk"],
      ["7", "chunk"],
      ["mem-9", "memory"],
    ]);
    expect(a.items[0].value).toBe(pack.memories[0]);
  });

  it("lists used ids the pack does not carry, once each, by kind", () => {
    const a = analyzePack(pack, ["mem-1", "mem-404", "mem-404"], ["doc-3#2", "gone"]);
    expect(a.missingMemories).toEqual(["mem-404"]);
    expect(a.missingChunks).toEqual(["gone"]);
  });

  it("does not let a chunk_id satisfy a memory id", () => {
    const a = analyzePack({ c: [{ chunk_id: "x" }] }, ["x"], []);
    expect(a.marks.get("/c/0")).toBe("offered");
    expect(a.missingMemories).toEqual(["x"]);
  });

  it("handles empty and odd packs", () => {
    expect(analyzePack({}, [], []).items).toEqual([]);
    const a = analyzePack({ a: null, b: [1, "x", [{ id: true }]], "we/ird~": { id: "m" } }, ["m"], []);
    expect(Object.fromEntries(a.marks)).toEqual({ "/we~1ird~0": "used" });
  });
});

describe("json pointers", () => {
  it("escapes keys and lists ancestors", () => {
    expect(childPointer("/a", "b/c~d")).toBe("/a/b~1c~0d");
    expect(ancestorPointers("/a/0/b")).toEqual(["", "/a", "/a/0"]);
    expect(ancestorPointers("")).toEqual([]);
  });
});

describe("matchPack", () => {
  it("finds keys and values, case-insensitively, with the ancestors to open", () => {
    const m = matchPack({ memories: [{ id: "m1", text: "Keys rotate" }], other: { Rotation: 1 } }, "ROTAT");
    expect([...m.matches].sort()).toEqual(["/memories/0/text", "/other/Rotation"]);
    expect([...m.ancestors].sort()).toEqual(["", "/memories", "/memories/0", "/other"]);
  });

  it("matches nothing for a blank query", () => {
    expect(matchPack({ a: 1 }, "  ").matches.size).toBe(0);
  });
});
