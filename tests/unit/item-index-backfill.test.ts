import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { SIGHTING_COLUMNS } from "@/lib/db/sqlite/backfill-sightings";
import { storedSightings } from "@/lib/db/sqlite/backfill-threads";
import { VersionNumbers } from "@/lib/db/sqlite/version-numbers";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { storeRows } from "@/lib/db/sqlite/store";
import { realisticTurns } from "@/lib/demo/generate-turns";
import type { CaptureInput } from "@/lib/interactions/schema";
import { directRowOf, insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";

// SQLite's item index backfill (20261207030000_item_index, stored_pack_item_sightings in
// lib/db/sqlite/migration-functions.ts) writes, row for row, what the capture path writes
// (lib/db/sqlite/item-index-writes.ts) for the same interactions: the same versions, sightings,
// figures and projects.
const dir = mkdtempSync(path.join(os.tmpdir(), "item-backfill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = { project: string; client: string; memories_used: string[]; chunks_used: string[]; context_pack: Record<string, unknown>; created_at: number };

const T0 = Date.UTC(2026, 10, 1);
const edgeCases: Row[] = [
  // the same object twice; one id in two versions in one pack; an id used but not offered
  { project: "e", client: "c", memories_used: ["twice", "ghost"], chunks_used: [], context_pack: { memories: [{ id: "twice", text: "a", score: 1 }, { id: "twice", text: "a", score: 2 }] }, created_at: T0 },
  { project: "e", client: "c", memories_used: [], chunks_used: ["two"], context_pack: { chunks: [{ id: "two", text: "old" }, { id: "two", text: "new" }] }, created_at: T0 + 1 },
  { project: "e", client: "d", memories_used: [], chunks_used: ["two"], context_pack: { chunks: [{ id: "two", text: "new", rank: 3 }] }, created_at: T0 + 2 },
  // a version only ever offered beside an older one (no sighting names it; the item still counts it)
  { project: "e", client: "c", memories_used: [], chunks_used: [], context_pack: { chunks: [{ id: "pair", text: "first" }] }, created_at: T0 + 4 },
  { project: "e", client: "c", memories_used: [], chunks_used: ["pair"], context_pack: { chunks: [{ id: "pair", text: "first" }, { id: "pair", text: "beside" }] }, created_at: T0 + 5 },
  // ids under other keys, numeric ids, a nested object and text in several scripts
  { project: "f", client: "d", memories_used: ["7"], chunks_used: [], context_pack: { notes: { memory_id: 7, text: "キャッシュ 🙂 مرحبا", meta: { b: 1, a: [2] } } }, created_at: T0 + 3 },
];

function rows(): Row[] {
  const { turns } = realisticTurns({ rows: 400, longSessionTurns: 120, bigPack: false, project: 4, days: 3, now: T0 + 86_400_000 * 4 });
  const generated = [...turns()].map((t) => ({ ...t, created_at: Date.parse(t.created_at) }));
  return [...edgeCases, ...generated].sort((a, b) => a.created_at - b.created_at);
}

function tables(file: string) {
  const db = new Database(file, { readonly: true });
  const all = (sql: string) => db.prepare(sql).all();
  const out = {
    // The ids too: both number versions in the order first sighted, then in the pack's order.
    versions: all("SELECT id, kind, item_id, content, hex(content_md5) AS md5, first_seen, last_seen, interactions FROM item_versions ORDER BY id"),
    sightings: all(`SELECT interaction_seq, kind, item_id, version_id, offered, used, created_at, project, client
                    FROM item_sightings ORDER BY interaction_seq, kind, item_id`),
    stats: all("SELECT * FROM item_stats ORDER BY kind, item_id"),
    projects: all("SELECT * FROM item_projects ORDER BY kind, item_id, project"),
  };
  db.close();
  return out;
}

describe("the item index backfill on SQLite", () => {
  it("writes what the capture path writes for the same interactions", async () => {
    const source = rows();
    const before = path.join(dir, "backfilled.db");
    migrateSqlite(before, readMigrations().filter((m) => m.name < "20261207030000_item_index"));
    await withDatabase(`file:${before}`, (db) => insertRows(db, source.map(directRowOf)));
    migrateSqlite(before);

    const captured = path.join(dir, "captured.db");
    migrateSqlite(captured);
    const db = new Database(captured);
    const input = (r: Row): CaptureInput => ({ prompt: "p", response: "", response_summary: "", session_id: "", ...r });
    db.transaction(() => storeRows(db, source.map((r) => ({ input: input(r), createdAt: r.created_at })))).immediate();
    db.close();

    const a = tables(before);
    const b = tables(captured);
    expect(a.sightings.length).toBeGreaterThan(2_000);
    expect(a.versions.length).toBeGreaterThan(500);
    expect(a).toEqual(b);
  });

  it("reads on threads, in seq order, what it reads inline, each version numbered and its content on its first row", async () => {
    const file = path.join(dir, "threads.db");
    migrateSqlite(file, readMigrations().filter((m) => m.name < "20261207030000_item_index"));
    const { turns } = realisticTurns({ rows: 1_500, longSessionTurns: 300, bigPack: false, project: 4, days: 3, now: T0 + 86_400_000 * 4 });
    const generated = [...turns()].map((t) => ({ ...t, created_at: Date.parse(t.created_at) }));
    await withDatabase(`file:${file}`, (db) => insertRows(db, [...edgeCases, ...generated].map(directRowOf)));
    const column = (name: string) => SIGHTING_COLUMNS.indexOf(name);
    const read = (threads: number) => {
      const numbers = new VersionNumbers();
      return { rows: [...storedSightings(file, numbers, threads)], figures: [...numbers.figures()] };
    };
    const inline = read(0);
    const threaded = read(2);
    expect(inline.rows.length).toBeGreaterThan(20_000);
    expect(threaded).toEqual(inline);
    // Each version has one first row, with its content and MD5 if it was offered; the first is numbered 1.
    const firsts = inline.rows.filter((r) => r[column("first")] === 1);
    expect(new Set(firsts.map((r) => r[column("version")])).size).toBe(inline.figures.length);
    const offered = (r: unknown[]) => r[column("offered")] === 1;
    expect(firsts.filter((r) => offered(r) !== (typeof r[column("content")] === "string") || offered(r) !== Buffer.isBuffer(r[column("content_md5")]))).toEqual([]);
    expect(inline.rows.filter((r) => r[column("first")] === 0 && (r[column("content")] !== null || r[column("content_md5")] !== null))).toEqual([]);
    expect(firsts[0][column("version")]).toBe(1);
  }, 60_000);

  it("fails with the reading thread's error, and does not wait for it", () => {
    const file = path.join(dir, "broken.db");
    const db = new Database(file);
    db.exec("CREATE TABLE interactions (seq INTEGER PRIMARY KEY, created_at INTEGER, project TEXT, context_pack TEXT, memories_used TEXT, chunks_used TEXT)");
    db.prepare("INSERT INTO interactions VALUES (1, 0, 'p', '{}', '[]', '[]')").run();
    db.close();
    expect(() => [...storedSightings(file, new VersionNumbers(), 2)]).toThrow(/a backfill thread failed: .*no such column: client/);
  });
});
