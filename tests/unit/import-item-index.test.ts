import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { storeRows } from "@/lib/db/sqlite/store";
import { realisticTurns } from "@/lib/demo/generate-turns";
import { IMPORT_FOLD_ROWS } from "@/lib/import/item-index-during-import";
import { parseImportRow } from "@/lib/import/parse-import-row";
import { tempDbFile } from "../helpers/temp-db-file";

// An import on SQLite leaves the item index to folds of IMPORT_FOLD_ROWS interactions while it
// runs and folds the rest before it returns: the index it leaves is the one each batch's own
// transaction would have written (compared with an import into a database that indexes inline).

const file = tempDbFile("import-fold");
process.env.DATABASE_URL = `file:${file}`;
const T0 = Date.UTC(2026, 10, 1);
const STATS = "SELECT * FROM item_stats ORDER BY kind, item_id";
const PROJECTS = "SELECT * FROM item_projects ORDER BY kind, item_id, project";
const SIGHTINGS = "SELECT interaction_seq, kind, item_id, offered, used, created_at, project, client FROM item_sightings ORDER BY 1, 2, 3";
const turns = [...realisticTurns({ rows: 1_500, longSessionTurns: 100, bigPack: false, project: 4, days: 20, now: T0 }).turns()];

afterAll(async () => {
  const { closeSqlite } = await import("@/lib/db/sqlite/connection");
  closeSqlite();
});

describe("import on SQLite", () => {
  it("folds the item index every IMPORT_FOLD_ROWS turns and completely at the end, as inline indexing would", async () => {
    migrateSqlite(file);
    const { importRecords } = await import("@/lib/import/import-records");
    const watch = new Database(file, { readonly: true });
    const indexed = () => watch.prepare("SELECT indexed_seq FROM item_index_state").pluck().get() as number;
    const seenWhileRunning: number[] = [];
    const report = await importRecords(
      turns.map((t, i) => ({ line: i + 1, value: t, bytes: Buffer.byteLength(JSON.stringify(t)) })),
      () => seenWhileRunning.push(indexed()),
    );
    expect(report).toEqual({ imported: turns.length, already_present: 0, rejected: [] });
    // Folded along the way, not only at the end, and never left behind by more than a fold.
    expect(seenWhileRunning.some((n) => n >= IMPORT_FOLD_ROWS && n < turns.length)).toBe(true);
    expect(indexed()).toBe(turns.length);

    const inlineFile = tempDbFile("import-inline");
    migrateSqlite(inlineFile);
    const inline = new Database(inlineFile);
    for (let at = 0; at < turns.length; at += 300) {
      const rows = turns.slice(at, at + 300).map((t) => {
        const parsed = parseImportRow(t);
        if ("reason" in parsed) throw new Error(parsed.reason);
        return { input: parsed.row.input, createdAt: parsed.row.createdAt };
      });
      inline.transaction(() => storeRows(inline, rows)).immediate();
    }
    for (const sql of [STATS, PROJECTS, SIGHTINGS]) expect(watch.prepare(sql).all()).toEqual(inline.prepare(sql).all());
    watch.close();
    inline.close();
  }, 60_000);
});
