import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { versionContent } from "@/lib/db/sqlite/item-index-writes";
import { VOLATILE_FIELDS } from "@/lib/memory-audit/volatile-fields";

// The volatile fields are the documented list wherever a version's content is derived: in
// JavaScript on SQLite (the fold and the backfill's pack_item_versions), in the migration's SQL
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
