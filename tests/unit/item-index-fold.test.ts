import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deferItemIndex, foldItemIndex, itemIndexBehind, YIELDING_CHUNK_ROWS, yieldFoldsTo, type FoldLimit } from "@/lib/db/sqlite/item-index-fold";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { redactRow } from "@/lib/db/sqlite/redact-row";
import { storeRows } from "@/lib/db/sqlite/store";
import { realisticTurns } from "@/lib/demo/generate-turns";
import type { CaptureInput } from "@/lib/interactions/schema";
import { tempDbFile } from "../helpers/temp-db-file";

// The item index folded in after the capture (lib/db/sqlite/item-index-fold.ts), as the server's
// write thread does, must end up exactly as the index a capture's own transaction writes (the
// scripts' and tests' way, compared with figures computed in JavaScript by
// memory-audit-index.test.ts): every row of every table, whatever the fold's batches, and also
// for an interaction whose pack was redacted before the fold read it.

const T0 = Date.UTC(2026, 10, 1);
const TABLES = {
  item_stats: "SELECT * FROM item_stats ORDER BY kind, item_id",
  // Versions by content: a version's id tells only the order versions were first indexed in.
  item_versions: "SELECT kind, item_id, content, content_md5, first_seen, last_seen, interactions FROM item_versions ORDER BY kind, item_id, content",
  item_sightings: `SELECT s.interaction_seq, s.kind, s.item_id, v.content, s.offered, s.used, s.created_at, s.project, s.client
                   FROM item_sightings AS s LEFT JOIN item_versions AS v ON v.id = s.version_id ORDER BY s.interaction_seq, s.kind, s.item_id`,
  item_projects: "SELECT * FROM item_projects ORDER BY kind, item_id, project",
};

let inline: Database.Database;
let folded: Database.Database;

function open(deferred: boolean) {
  const file = tempDbFile("fold");
  migrateSqlite(file);
  const db = new Database(file);
  if (deferred) deferItemIndex(db);
  return db;
}

const dump = (db: Database.Database) => Object.fromEntries(Object.entries(TABLES).map(([t, sql]) => [t, db.prepare(sql).all()]));

function storeBoth(batches: CaptureInput[][], at: number) {
  for (const db of [inline, folded]) {
    batches.forEach((rows, i) => db.transaction(() => storeRows(db, rows.map((input, j) => ({ input, createdAt: at + i * 1000 + j })))).immediate());
  }
}

const fold = (db: Database.Database, limit?: FoldLimit) => db.transaction(() => foldItemIndex(db, limit)).immediate();

beforeAll(() => {
  inline = open(false);
  folded = open(true);
});
afterAll(() => {
  inline?.close();
  folded?.close();
});

describe("item index folded after the capture", () => {
  it("ends a yielding fold after one chunk once a job waits; other folds run to their limit", () => {
    const db = open(true);
    let jobWaits = false;
    yieldFoldsTo(db, () => jobWaits);
    const { turns } = realisticTurns({ rows: 60, longSessionTurns: 30, bigPack: false, project: 2, days: 5, now: T0 });
    const rows = [...turns()].map(({ created_at: _at, ...t }, i) => ({ input: { ...t, id: undefined } as unknown as CaptureInput, createdAt: T0 + i }));
    db.transaction(() => storeRows(db, rows)).immediate();
    const idle: FoldLimit = { rows: 40, upTo: 40, bytes: 0, yielding: true };

    jobWaits = true;
    expect(fold(db, idle)).toBe(60 - YIELDING_CHUNK_ROWS);
    jobWaits = false;
    expect(fold(db, idle)).toBe(60 - YIELDING_CHUNK_ROWS - 40);
    // The catch-up before captures and a read's fold do not yield.
    jobWaits = true;
    expect(fold(db, { rows: 5, upTo: 5, bytes: 0 })).toBe(60 - YIELDING_CHUNK_ROWS - 45);
    expect(fold(db)).toBe(0);
    expect(db.prepare("SELECT count(DISTINCT interaction_seq) AS n FROM item_sightings").get()).toEqual({ n: 60 });
    db.close();
  });

  it("leaves captures pending, then folds them in any batches into the index their own transactions would write", () => {
    const { turns } = realisticTurns({ rows: 130, longSessionTurns: 40, bigPack: false, project: 3, days: 10, now: T0 });
    const inputs = [...turns()].map(({ created_at: _at, ...t }) => ({ ...t, id: undefined }) as unknown as CaptureInput);
    const batches = Array.from({ length: 13 }, (_, i) => inputs.slice(i * 10, i * 10 + 10));
    storeBoth(batches, T0);

    expect(folded.prepare("SELECT count(*) AS n FROM item_sightings").get()).toEqual({ n: 0 });
    expect(itemIndexBehind(folded)).toBe(130);
    expect(fold(folded, 25)).toBe(105);
    expect(itemIndexBehind(folded)).toBe(105);
    // Past its 5 rows a fold goes on while the packs it indexed are under its bytes, to its upTo.
    const packBytes = folded.prepare("SELECT length(context_pack) FROM interactions WHERE seq > 25 ORDER BY seq").pluck().all() as number[];
    const budget = packBytes.slice(0, 12).reduce((a, b) => a + b, 0);
    expect(fold(folded, { rows: 5, upTo: 60, bytes: budget })).toBe(93);
    expect(fold(folded, { rows: 5, upTo: 8, bytes: Infinity })).toBe(85);
    expect(fold(folded, { rows: 5, upTo: 60, bytes: 0 })).toBe(80);
    expect(fold(folded)).toBe(0);
    expect(dump(folded)).toEqual(dump(inline));
    expect(dump(inline).item_sightings.length).toBeGreaterThan(1000);
    // Nothing pending: a fold changes nothing.
    expect(fold(folded)).toBe(0);
    expect(dump(folded)).toEqual(dump(inline));
  });

  it("indexes the redacted pack of an interaction redacted while it waited", () => {
    const pack = (text: string) => ({ memories: [{ id: "m-secret", text }, { id: "m-plain", text: "kept" }] });
    const row = (id: string, text: string): CaptureInput =>
      ({ id, prompt: "p", response: "", response_summary: "", project: "r", client: "c", session_id: "", memories_used: ["m-plain"], chunks_used: [], context_pack: pack(text) }) as CaptureInput;
    storeBoth([[row("a1b2c3d4-0000-4000-8000-000000000001", "token sk-live-1")], [row("a1b2c3d4-0000-4000-8000-000000000002", "nothing secret")]], T0 + 86_400_000);
    expect(itemIndexBehind(folded)).toBe(2);
    const input = { interactionId: "a1b2c3d4-0000-4000-8000-000000000001", pointer: "/context_pack/memories/0/text", reason: "a live key", author: "test" };
    for (const db of [inline, folded]) db.transaction(() => redactRow(db, input)).immediate();
    expect(fold(folded)).toBe(0);
    const versions = (db: Database.Database) => db.prepare("SELECT content FROM item_versions WHERE item_id = 'm-secret' ORDER BY content").pluck().all();
    expect(versions(folded)).toEqual(versions(inline));
    expect(JSON.stringify(versions(folded))).not.toContain("sk-live-1");
    expect(dump(folded)).toEqual(dump(inline));
  });

  it("indexes what is stored at a seq, not what a rolled-back job had stored there", () => {
    const db = open(true);
    const other = new Database(db.name);
    deferItemIndex(other);
    const row = (id: string, item: string): CaptureInput =>
      ({ id, prompt: "p", response: "", response_summary: "", project: "r", client: "c", session_id: "", memories_used: [], chunks_used: [], context_pack: { memories: [{ id: item, text: item }] } }) as CaptureInput;
    const failing = db.transaction(() => {
      storeRows(db, [{ input: row("b0000000-0000-4000-8000-000000000001", "m-rolled-back"), createdAt: T0 }]);
      throw new Error("the job fails after storing");
    });
    expect(() => failing.immediate()).toThrow(/fails/);
    // Another connection stores at the same seq.
    other.transaction(() => storeRows(other, [{ input: row("b0000000-0000-4000-8000-000000000002", "m-stored"), createdAt: T0 }])).immediate();
    expect(fold(db)).toBe(0);
    expect(db.prepare("SELECT item_id FROM item_stats").pluck().all()).toEqual(["m-stored"]);
    other.close();
    db.close();
  });

  it("folds past rows another tool stored with JSON that is not JSON, reading them as the API does", () => {
    const db = open(true);
    const insert = db.prepare(
      `INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used, context_pack, created_at)
       VALUES (?, 'p', '', '', 'x', 'c', '', ?, ?, ?, ?)`,
    );
    const stored: [string, string, string][] = [
      ["[not json", "", "{{{"],
      ['["m-1"]', "[]", '{"memories":[{"id":"m-1","text":"a"}]}\u0000, "b": 2}'],
      ['["m-1", 7]', '"text"', '{"memories":[{"id":"m-1","text":"a"}]}'],
    ];
    stored.forEach(([memories, chunks, pack], i) => insert.run(`c0ffee00-0000-4000-8000-00000000000${i}`, memories, chunks, pack, T0 + i));
    expect(fold(db)).toBe(0);
    expect(itemIndexBehind(db)).toBe(0);
    // Only the last row's pack is JSON; lists read as the API reads them (7 as "7").
    const stats = db.prepare("SELECT kind, item_id, offered, used, used_unoffered FROM item_stats ORDER BY item_id").all();
    expect(stats).toEqual([
      { kind: "memory", item_id: "7", offered: 0, used: 1, used_unoffered: 1 },
      { kind: "memory", item_id: "m-1", offered: 1, used: 2, used_unoffered: 1 },
    ]);
    db.close();
  });
});
