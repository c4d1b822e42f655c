import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { realisticTurns } from "@/lib/demo/generate-turns";
import { directRowOf, insertRows } from "../helpers/direct-rows";
import { expectedFigures } from "../helpers/item-figures";
import { withDatabase } from "../helpers/open-db";
import { startServer, tempDbFile, type RunningServer } from "../helpers/server";
import { testDatabaseKind } from "../helpers/test-database";

// Upgrading a SQLite database that holds interactions from before the memory audit: the server
// applies the item index's migration itself as it starts (instrumentation.ts), its backfill
// reading the packs through the table-valued function it registers (lib/db/sqlite/
// migration-functions.ts) inside the server's build, and serves the figures at once.

const file = tempDbFile("item-upgrade");
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(path.dirname(file), { recursive: true, force: true });
});

describe.skipIf(testDatabaseKind() !== "sqlite")("a SQLite database upgraded to the item index by the server", () => {
  it("is backfilled by the server's own migration, with the figures of its packs", async () => {
    migrateSqlite(file, readMigrations().filter((m) => m.name < "20261207030000_item_index"));
    const { turns } = realisticTurns({ rows: 4_500, longSessionTurns: 300, bigPack: false, project: 3, days: 5, now: Date.UTC(2026, 10, 20) });
    const rows = [...turns()].map((t) => ({ ...t, created_at: Date.parse(t.created_at) }));
    await withDatabase(`file:${file}`, (db) => insertRows(db, rows.map(directRowOf)));

    server = await startServer({ dbFile: file, noToken: true });
    const ready = server
      .logs()
      .split("\n")
      .filter((l) => l.includes('"database_ready"'))
      .map((l) => JSON.parse(l) as { migrations_applied: string[] });
    expect(ready.at(-1)?.migrations_applied).toContain("20261207030000_item_index");
    // As many interactions as make it read the packs on its threads (lib/db/sqlite/backfill-threads.ts).
    const read = server
      .logs()
      .split("\n")
      .filter((l) => l.includes('"item_index_backfill_read"'))
      .map((l) => JSON.parse(l) as { threads: number; sightings: number });
    expect(read).toEqual([expect.objectContaining({ threads: 2, sightings: expect.any(Number) })]);

    const check = new Database(file, { readonly: true });
    const stats = check.prepare("SELECT kind, item_id, offered, used, used_unoffered, versions FROM item_stats").all() as { kind: string; item_id: string; offered: number; used: number; used_unoffered: number; versions: number }[];
    check.close();
    const expected = expectedFigures(rows);
    expect(stats.length).toBe(expected.size);
    expect(stats.length).toBeGreaterThan(500);
    for (const s of stats) {
      const e = expected.get(`${s.kind}\t${s.item_id}`)!;
      expect({ offered: s.offered, used: s.used, used_unoffered: s.used_unoffered, versions: s.versions }, `${s.kind} ${s.item_id}`).toEqual({
        offered: e.offered,
        used: e.used,
        used_unoffered: e.used_unoffered,
        versions: e.versions,
      });
    }
  }, 120_000);
});
