import { describe, expect, it } from "vitest";
import { contextChanges, isUnchanged } from "@/lib/sessions/context-changes";
import { packItemTexts } from "@/lib/sessions/pack-item-text";

const turn = (memories_used: string[], chunks_used: string[], context_pack: Record<string, unknown> = {}) => ({
  memories_used,
  chunks_used,
  context_pack,
});

describe("contextChanges", () => {
  it("names what entered and left each turn's memories and chunks, with the packs' texts", () => {
    const changes = contextChanges([
      turn(["m1", "m2"], ["c1"], { memories: [{ id: "m1", text: "likes tea" }] }),
      turn(["m2", "m3", "m3"], ["c1"], { items: [{ memory_id: "m3", content: "owns a cat" }] }),
      turn(["m2", "m3"], ["c1"]),
    ]);
    expect(changes[0]).toBeNull();
    expect(changes[1]).toEqual({
      memories: { entered: [{ id: "m3", text: "owns a cat" }], left: [{ id: "m1", text: "likes tea" }] },
      chunks: { entered: [], left: [] },
    });
    expect(isUnchanged(changes[2]!)).toBe(true);
  });
});

describe("packItemTexts", () => {
  it("finds items by id, memory_id or chunk_id at any depth, first occurrence first", () => {
    const texts = packItemTexts(
      {
        a: { deep: [{ chunk_id: 7, body: "seven" }, { id: "x", title: "first" }] },
        b: [{ id: "x", text: "second" }, { id: "y", other: 1 }],
      },
      [],
      ["7"],
    );
    expect(texts.get("7")).toBe("seven");
    expect(texts.get("x")).toBe("first");
    expect(texts.get("y")).toBe('{"id":"y","other":1}');
  });

  it("survives a pack deeper than the call stack", () => {
    let deep: Record<string, unknown> = { id: "bottom", text: "found" };
    for (let i = 0; i < 20_000; i++) deep = { next: deep };
    expect(packItemTexts(deep, ["bottom"], []).get("bottom")).toBe("found");
  });
});
