import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VersionMemo, versionContent } from "@/lib/db/sqlite/item-index-writes";
import { VOLATILE_FIELDS } from "@/lib/memory-audit/volatile-fields";

// The volatile fields are the documented list wherever a version's content is derived: in
// JavaScript on SQLite (the fold and the backfill's stored_pack_item_sightings), in the migration's SQL
// on PostgreSQL.
const quoted = VOLATILE_FIELDS.map((f) => `'${f}'`).join(", ");

describe("volatile fields", () => {
  it("are what SQLite's index drops from a version", () => {
    const item = { id: "m-1", text: "kept", ...Object.fromEntries(VOLATILE_FIELDS.map((f, i) => [f, i])) };
    expect(versionContent(item)).toBe('{"id":"m-1","text":"kept"}');
  });
  it("are the list the PostgreSQL migration drops from a version", () => {
    expect(readFileSync("prisma/postgres/migrations/20261207030000_item_index/migration.sql", "utf8")).toContain(`ARRAY[${quoted}]::text[]`);
  });
  it("leave a version's keys sorted, numeric-looking ones among them, nested objects whole", () => {
    expect(versionContent({ z: 1, "10": "t", "2": null, a: { c: 1, b: [2] }, score: 0.5 })).toBe('{"10":"t","2":null,"a":{"c":1,"b":[2]},"z":1}');
    expect(versionContent({ text: "日本\n\"q\" 😀", id: 7, rank: 1 })).toBe('{"id":7,"text":"日本\\n\\"q\\" 😀"}');
  });
});

describe("VersionMemo", () => {
  it("gives the content of an item's object, reused only while its fields but the volatile ones are the same", () => {
    const memo = new VersionMemo(2);
    const first = memo.of("memory", "m", { id: "m", text: "a", score: 0.1 });
    expect(memo.of("memory", "m", { id: "m", text: "a", score: 0.9, rank: 2 })).toBe(first);
    const cases: Record<string, unknown>[] = [
      { id: "m", text: "b" }, // a field changed
      { id: "m" }, // a field left
      { id: "m", text: "b", source: "doc" }, // a field came
      { id: "m", text: "b", source: "doc", meta: { a: 1 } }, // nested: never reused
      { id: "m", text: "b", source: "doc", meta: { a: 2 } },
      { id: "m", text: 1, source: "doc" }, // the same text as another type
      { id: "m", text: "1", source: "doc" },
    ];
    for (const value of cases) expect(memo.of("memory", "m", value).content).toBe(versionContent(value));
    // Another kind or id is another item; the memo keeps `size` items.
    expect(memo.of("chunk", "m", { id: "m", text: "1", source: "doc" })).not.toBe(memo.of("memory", "x", { id: "m", text: "1", source: "doc" }));
  });

  it("remembers at most its characters of content, and no item over a thousandth of them", () => {
    const memo = new VersionMemo(10_000, 8 * 1024 * 1024);
    const item = (id: string, chars: number) => ({ id, text: "あ".repeat(chars) });
    const big = memo.of("chunk", "big", item("big", 9_000));
    expect(big.value).toBeNull();
    expect(big.content).toBe(versionContent(item("big", 9_000)));
    expect(memo.of("chunk", "big", item("big", 9_000))).not.toBe(big);
    // 1,100 items of ~8,000 characters hold more than 8 Mi: the first ones are let go.
    const entries = Array.from({ length: 1_100 }, (_, i) => memo.of("memory", `m${i}`, item(`m${i}`, 8_000)));
    expect(memo.of("memory", "m1099", item("m1099", 8_000))).toBe(entries[1_099]);
    expect(memo.of("memory", "m0", item("m0", 8_000))).not.toBe(entries[0]);
  });
});
