import Database from "better-sqlite3";
import pg from "pg";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrations, type Migration } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { migratePostgres, postgresMigrationsDir } from "@/lib/db/postgres/migrate";
import { tempDbFile } from "../helpers/server";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

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

  it("accepts the earlier text of a migration rewritten without changing what it builds", () => {
    const file = tempDbFile("migrate");
    const applied = readMigrations().filter((x) => x.name <= "20261207030000_item_index");
    const itemIndex = applied.at(-1)!;
    const earlier = "d746fd3983bcfc3aae771dda22ad35339a78598ff7ee18ccf2a029d1aab29d14";
    migrateSqlite(file, applied);
    const db = new Database(file);
    const record = db.prepare("UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = ?");
    record.run(earlier, itemIndex.name);
    expect(migrateSqlite(file, applied)).toEqual([]);
    record.run(earlier.replace("d7", "e7"), itemIndex.name);
    db.close();
    expect(() => migrateSqlite(file, applied)).toThrow(/changed/);
  });

  it("writes pending migrations under a rollback journal (each page once) and leaves the file in WAL mode", () => {
    const file = tempDbFile("migrate");
    const modeDuring = m("20260101000000_mode", "CREATE TABLE mode AS SELECT journal_mode FROM pragma_journal_mode;");
    migrateSqlite(file, [modeDuring]);
    const db = new Database(file);
    expect(db.prepare("SELECT journal_mode FROM mode").pluck().get()).toBe("delete");
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    // With another connection open the mode cannot change: the migration runs in WAL mode.
    const again = m("20260102000000_mode_again", "CREATE TABLE mode_again AS SELECT journal_mode FROM pragma_journal_mode;");
    migrateSqlite(file, [modeDuring, again]);
    expect(db.prepare("SELECT journal_mode FROM mode_again").pluck().get()).toBe("wal");
    db.close();
    expect(new Database(file, { readonly: true }).pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("waits for another migrator holding the file past the busy timeout, then applies what is left", async () => {
    const file = tempDbFile("migrate");
    const first = m("20260101000000_first", "CREATE TABLE first (x INTEGER);");
    const second = m("20260102000000_second", "CREATE TABLE second (x INTEGER);");
    migrateSqlite(file, [first]);
    // Another server's migrator, mid-way through a long migration under the rollback journal:
    // it holds the file exclusively for longer than the app's busy timeout.
    const holder = spawn(process.execPath, [
      "-e",
      `const db = new (require("better-sqlite3"))(${JSON.stringify(file)});
       db.pragma("journal_mode = DELETE");
       db.exec("BEGIN EXCLUSIVE; INSERT INTO first VALUES (1)");
       process.stdout.write("holding\\n");
       setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${BUSY_TIMEOUT_MS + 1500});`,
    ]);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d: Buffer) => d.toString().includes("holding") && resolve());
      holder.once("exit", (code) => reject(new Error(`holder exited (${code})`)));
    });
    const started = Date.now();
    expect(migrateSqlite(file, [first, second])).toEqual([second.name]);
    expect(Date.now() - started).toBeGreaterThan(BUSY_TIMEOUT_MS);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT x FROM first").pluck().all()).toEqual([1]);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  }, 30_000);

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

// The PostgreSQL migrator runs against a throwaway database on the local cluster (whatever
// TEST_DATABASE says: the migrator is PostgreSQL's whatever the test servers use).
describe("migratePostgres", () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });
  async function freshDatabase() {
    const database = await createTestDatabase("migrate", "postgres");
    databases.push(database);
    return database.url;
  }
  async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it("applies pending migrations once and records them as Prisma does", async () => {
    const url = await freshDatabase();
    const one = m("20260101000000_one", "CREATE TABLE a (x INTEGER);");
    const two = m("20260102000000_two", "ALTER TABLE a ADD COLUMN y TEXT;");
    expect(await migratePostgres(url, [one])).toEqual([one.name]);
    expect(await migratePostgres(url, [one])).toEqual([]);
    expect(await migratePostgres(url, [one, two])).toEqual([two.name]);
    const rows = await query(
      url,
      `SELECT id, migration_name, checksum, finished_at, started_at, rolled_back_at, applied_steps_count
       FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const record = (x: Migration) => ({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      migration_name: x.name,
      checksum: x.checksum,
      finished_at: expect.any(Date),
      started_at: expect.any(Date),
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(rows).toEqual([record(one), record(two)]);
    const columns = await query<{ column_name: string }>(
      url,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'a' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["x", "y"]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await freshDatabase();
    await migratePostgres(url, [m("20260101000000_one", "CREATE TABLE a (x INTEGER);")]);
    await expect(migratePostgres(url, [m("20260101000000_one", "CREATE TABLE a (x TEXT);")])).rejects.toThrow(/changed/);
  });

  it("rolls back a failing migration completely", async () => {
    const url = await freshDatabase();
    const bad = m("20260101000000_bad", "CREATE TABLE ok (x INTEGER); CREATE TABLE broken (;");
    await expect(migratePostgres(url, [bad])).rejects.toThrow();
    expect(await query(url, "SELECT to_regclass('ok') AS t")).toEqual([{ t: null }]);
    expect(await query(url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([{ n: 0 }]);
  });

  it("several migrators started at once apply each of the project's migrations exactly once", async () => {
    const url = await freshDatabase();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migratePostgres(url)));
    const names = readMigrations(postgresMigrationsDir()).map((x) => x.name);
    // One of them applied everything; the others waited for the lock and found nothing to do.
    expect(runs.filter((r) => r.length > 0)).toEqual([names]);
    const rows = await query<{ migration_name: string; n: number }>(
      url,
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows).toEqual(names.map((name) => ({ migration_name: name, n: 1 })));
    expect(await query(url, "SELECT to_regclass('interactions') IS NOT NULL AS t")).toEqual([{ t: true }]);
  });
});
