import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrateSqlite, readMigrations, type Migration } from "@/lib/db/migrate";
import { tempDbFile } from "../helpers/server";

const m = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: createHash("sha256").update(sql).digest("hex"),
});

describe("migrateSqlite", () => {
  it("applies pending migrations once and records them as Prisma does", () => {
    const file = tempDbFile("migrate");
    const one = m("20260101000000_one", "CREATE TABLE a (x INTEGER);");
    const two = m("20260102000000_two", "ALTER TABLE a ADD COLUMN y TEXT;");
    expect(migrateSqlite(file, [one])).toEqual([one.name]);
    expect(migrateSqlite(file, [one])).toEqual([]);
    // A database from an older release upgrades in place.
    expect(migrateSqlite(file, [one, two])).toEqual([two.name]);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name").all();
    expect(rows).toEqual([
      { migration_name: one.name, checksum: one.checksum, finished_at: expect.any(Number) },
      { migration_name: two.name, checksum: two.checksum, finished_at: expect.any(Number) },
    ]);
    expect(db.prepare("SELECT name FROM pragma_table_info('a')").pluck().all()).toEqual(["x", "y"]);
    db.close();
  });

  it("refuses a migration edited after it was applied", () => {
    const file = tempDbFile("migrate");
    migrateSqlite(file, [m("20260101000000_one", "CREATE TABLE a (x INTEGER);")]);
    expect(() => migrateSqlite(file, [m("20260101000000_one", "CREATE TABLE a (x TEXT);")])).toThrow(/changed/);
  });

  it("rolls back a failing migration completely", () => {
    const file = tempDbFile("migrate");
    const bad = m("20260101000000_bad", "CREATE TABLE ok (x INTEGER); CREATE TABLE broken (;");
    expect(() => migrateSqlite(file, [bad])).toThrow();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").all()).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM _prisma_migrations").pluck().get()).toBe(0);
    db.close();
  });

  it("reads the project's migrations in name order", () => {
    const names = readMigrations().map((x) => x.name);
    expect(names.length).toBeGreaterThan(0);
    expect([...names].sort()).toEqual(names);
  });
});
