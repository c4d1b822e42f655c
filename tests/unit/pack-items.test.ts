import { describe, expect, it } from "vitest";
import { ByteLru } from "@/lib/context-pack/byte-lru";
import { pointerTokens } from "@/lib/context-pack/json-pointer";
import { buildPackIndex } from "@/lib/context-pack/pack-index";
import { EXPAND_MAX_BYTES, pagePackItems } from "@/lib/context-pack/pack-items";
import { PackQuerySchema, type PackQuery } from "@/lib/context-pack/schema";
import { NotFoundError } from "@/lib/errors";

const query = (q: Partial<PackQuery> = {}): PackQuery => ({ ...PackQuerySchema.parse({}), ...q });

describe("pagePackItems", () => {
  const pack = {
    query: "rotate keys",
    memories: [
      { id: "mem-1", text: "Keys  rotate\nmonthly", nested: { chunk_id: "c-in" } },
      { id: "mem-2", text: "Unrelated" },
    ],
    chunks: [{ chunk_id: "doc-3#2", text: "keys rotate ..." }, { id: 7 }],
    "we/ird~": { deeper: [{ memory_id: "mem-9", note: "Zürich 東京" }] },
  };
  const index = buildPackIndex(pack, ["mem-1", "mem-9", "ghost"], ["doc-3#2"], 999, 0);

  it("pages every item in document order, nested ones too, with previews and sizes", () => {
    const page = pagePackItems(index, query());
    expect(page.type).toBe("items");
    if (page.type !== "items") return;
    expect(page.items.map((i) => [i.pointer, i.id, i.kind, i.mark])).toEqual([
      ["/memories/0", "mem-1", "memory", "used"],
      ["/memories/0/nested", "c-in", "chunk", "offered"],
      ["/memories/1", "mem-2", "memory", "offered"],
      ["/chunks/0", "doc-3#2", "chunk", "used"],
      ["/chunks/1", "7", "chunk", "offered"],
      ["/we~1ird~0/deeper/0", "mem-9", "memory", "used"],
    ]);
    expect(page.items[0].preview).toBe("Keys rotate monthly");
    expect(page.items[0].size).toBe(Buffer.byteLength(JSON.stringify(pack.memories[0])));
    expect(page.items[0]).not.toHaveProperty("value");
    expect(page.total).toBe(6);
    expect(page.summary).toMatchObject({ bytes: 999, items: 6, used: 3, offered: 3, memories: 3, chunks: 3, missing_memories: ["ghost"], missing_chunks: [] });
    expect(page.summary.fields.map((f) => [f.key, f.type, f.items])).toEqual([
      ["query", "string", 0],
      ["memories", "array", 3],
      ["chunks", "array", 2],
      ["we/ird~", "object", 1],
    ]);
  });

  it("filters by mark and by text (keys and values, any case), under a pointer, and pages", () => {
    const ids = (q: Partial<PackQuery>) => {
      const page = pagePackItems(index, query(q));
      return page.type === "items" ? [page.total, page.items.map((i) => i.id)] : page;
    };
    expect(ids({ used: true })).toEqual([3, ["mem-1", "doc-3#2", "mem-9"]]);
    expect(ids({ q: "ROTATE" })).toEqual([2, ["mem-1", "doc-3#2"]]);
    expect(ids({ q: "東京" })).toEqual([1, ["mem-9"]]);
    expect(ids({ q: "note" })).toEqual([1, ["mem-9"]]);
    expect(ids({ pointer: "/memories" })).toEqual([3, ["mem-1", "c-in", "mem-2"]]);
    expect(ids({ pointer: "/memories", used: true, q: "monthly" })).toEqual([1, ["mem-1"]]);
    expect(ids({ offset: 2, limit: 2 })).toEqual([6, ["mem-2", "doc-3#2"]]);
    expect(ids({ offset: 10 })).toEqual([6, []]);
  });

  it("answers an item, a node inside one and a field without items whole", () => {
    expect(pagePackItems(index, query({ pointer: "/memories/0" }))).toMatchObject({ type: "node", item: { id: "mem-1", mark: "used" }, value: pack.memories[0] });
    expect(pagePackItems(index, query({ pointer: "/memories/0/nested/chunk_id" }))).toEqual({ type: "node", pointer: "/memories/0/nested/chunk_id", item: null, value: "c-in" });
    expect(pagePackItems(index, query({ pointer: "/query" }))).toMatchObject({ type: "node", item: null, value: "rotate keys" });
    expect(pagePackItems(index, query({ pointer: "/we~1ird~0/deeper/0/note" }))).toMatchObject({ value: "Zürich 東京" });
  });

  it("throws NotFoundError for a pointer to nothing", () => {
    for (const pointer of ["/nope", "/memories/2", "/memories/01", "/memories/-", "/query/x", "/memories/0/text/0"]) {
      expect(() => pagePackItems(index, query({ pointer })), pointer).toThrow(NotFoundError);
    }
  });

  it("gives values with expand=1 until they add up to EXPAND_MAX_BYTES", () => {
    // 200 items of ~5 KB: 1 MB, twice the budget.
    const memories = Array.from({ length: 200 }, (_, i) => ({ id: `m${i}`, text: `${i} ${"x".repeat(5000)}` }));
    const bigIndex = buildPackIndex({ memories }, [], [], 1, 0);
    const page = pagePackItems(bigIndex, query({ expand: true, limit: 200 }));
    if (page.type !== "items") throw new Error("expected items");
    const withValue = page.items.filter((i) => i.value !== undefined);
    expect(withValue.length).toBeGreaterThan(0);
    expect(withValue.length).toBeLessThan(200);
    expect(withValue.reduce((n, i) => n + i.size, 0)).toBeLessThanOrEqual(EXPAND_MAX_BYTES);
    expect(withValue[0].value).toEqual(memories[0]);
    // Values stop at the first item that does not fit: none after it.
    expect(page.items.slice(withValue.length).every((i) => i.value === undefined)).toBe(true);
  });

  it("keeps a small pack whole and drops a large one", () => {
    expect(buildPackIndex(pack, [], [], 999, 1000).pack).toBe(pack);
    expect(buildPackIndex(pack, [], [], 1001, 1000).pack).toBeNull();
  });
});

describe("PackQuerySchema", () => {
  it("has defaults and refuses bad values", () => {
    expect(PackQuerySchema.parse({})).toEqual({ pointer: "", offset: 0, limit: 50, used: false, q: "", expand: false });
    expect(PackQuerySchema.parse({ pointer: "/a~1b", offset: "5", limit: "200", used: "1", q: " x ", expand: "true" })).toEqual({
      pointer: "/a~1b",
      offset: 5,
      limit: 200,
      used: true,
      q: "x",
      expand: true,
    });
    for (const bad of [{ pointer: "memories" }, { pointer: "/a~2" }, { offset: "-1" }, { limit: "0" }, { limit: "201" }, { limit: "1.5" }, { used: "yes" }, { q: "x".repeat(201) }, { other: "1" }]) {
      expect(PackQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("decodes pointers", () => {
    expect(pointerTokens("")).toEqual([]);
    expect(pointerTokens("/a~1b/~0/0")).toEqual(["a/b", "~", "0"]);
    expect(pointerTokens("a")).toBeNull();
  });
});

describe("ByteLru", () => {
  it("evicts the least recently used entries past its budget and keeps nothing larger than it", () => {
    const lru = new ByteLru<string>(10);
    lru.set("a", "A", 4);
    lru.set("b", "B", 4);
    expect(lru.get("a")).toBe("A");
    lru.set("c", "C", 4);
    expect(lru.get("b")).toBeUndefined();
    expect([lru.get("a"), lru.get("c"), lru.bytes]).toEqual(["A", "C", 8]);
    lru.set("huge", "H", 11);
    expect([lru.get("huge"), lru.bytes]).toEqual([undefined, 8]);
  });
});
