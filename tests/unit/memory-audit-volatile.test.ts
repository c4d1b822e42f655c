import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VOLATILE_FIELDS } from "@/lib/memory-audit/volatile-fields";

// The volatile fields are named in the migrations' SQL; they must be exactly the documented list.
const sql = (dir: string) => readFileSync(`${dir}/20261207030000_item_index/migration.sql`, "utf8");
const quoted = VOLATILE_FIELDS.map((f) => `'${f}'`).join(", ");

describe("volatile fields", () => {
  it("are the list the SQLite migration drops from a version", () => {
    expect(sql("prisma/migrations")).toContain(`NOT IN (${quoted})`);
  });
  it("are the list the PostgreSQL migration drops from a version", () => {
    expect(sql("prisma/postgres/migrations")).toContain(`ARRAY[${quoted}]::text[]`);
  });
});
