import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";
import { captureInput, loadChainLib, type ChainLib } from "./chain-cases";

// A batch of links reads their rows whole: links to multi-MB packs must go a few at a time, or
// a run of them holds hundreds of MB (40 packs of 8 MB ran the verify thread out of heap).
let file: string;
let lib: ChainLib;

beforeAll(async () => {
  file = tempDbFile("chain-big");
  migrateSqlite(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.LOG_LEVEL = "silent";
  lib = await loadChainLib();
});

describe("hash chain verification of multi-MB packs (SQLite)", () => {
  it("reads a batch of links within a few MB of rows, and verifies them all", async () => {
    const text = "x".repeat(1_000);
    const pack = { memories: Array.from({ length: 2_500 }, (_, i) => ({ id: `m${i}`, text })) };
    await lib.recordInteractions(Array.from({ length: 6 }, (_, i) => captureInput(`big ${i}`, { context_pack: pack })));
    const db = new Database(file, { readonly: true });
    const pageBytes: number[] = [];
    const run = await verifyChain(
      {
        kind: "sqlite",
        all: async (q) => {
          const rows = db.prepare(q.sql).all(...q.values) as { content_hash?: string; context_pack?: string | null }[];
          if (rows[0]?.content_hash !== undefined) pageBytes.push(rows.reduce((n, r) => n + (r.context_pack?.length ?? 0), 0));
          return rows as never[];
        },
      },
      { batch: 200 },
    );
    db.close();
    expect(run).toMatchObject({ status: "ok", links_checked: 6 });
    // Each pack is ~2.6 MB: one to a batch, never the six together.
    expect(Math.max(...pageBytes)).toBeLessThan(3_000_000);
    expect(Math.max(...pageBytes)).toBeGreaterThan(2_000_000);
  });
});
