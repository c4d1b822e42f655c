import Database from "better-sqlite3";
import pg from "pg";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { applyPragmas } from "@/lib/db/sqlite/pragmas";
import { BATCH, CONNECTIONS, type BenchDatabase } from "./context";
import type { Body } from "./data";
import { rowInserter } from "./insert-rows";
import { pgRowInserter } from "./insert-rows-pg";
import type { LoadResult } from "./load";

// The batch capture's reference: the driver alone inserting the same rows in transactions of
// BATCH into its own migrated database (so the same triggers fire). SQLite has one writer, so
// one connection; PostgreSQL takes concurrent writers, so as many connections as the load has,
// each transaction writing its rows in session order (see postgresRaw).

export type RawInserter = { label: string; run: (seconds: number) => Promise<LoadResult>; close: () => Promise<void> };

const slice = (rows: number, started: number): LoadResult => {
  const took = (performance.now() - started) / 1000;
  return { rps: rows / took, p50: 0, p99: 0, requests: rows, seconds: took, errors: 0, non2xx: 0 };
};

function sqliteRaw(file: string, rows: Body[]): RawInserter {
  migrateSqlite(file);
  const db = new Database(file);
  applyPragmas(db);
  const insertRow = rowInserter(db);
  const rowsToStore = rows.map((b) => ({ ...b, context_pack: JSON.stringify(b.context_pack) }));
  const tx = db.transaction((from: number) => {
    const now = Date.now();
    for (let i = from; i < from + BATCH; i++) insertRow(rowsToStore[i % rowsToStore.length], now);
  });
  let n = 0;
  return {
    label: `raw better-sqlite3 (tx of ${BATCH})`,
    async run(seconds) {
      const started = performance.now();
      const from = n;
      while (performance.now() - started < seconds * 1000) {
        tx.immediate(n);
        n += BATCH;
      }
      return slice(n - from, started);
    },
    close: async () => void db.close(),
  };
}

async function postgresRaw(url: string, rows: Body[]): Promise<RawInserter> {
  await migratePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const rowsToStore = rows.map((b) => ({ ...b, context_pack: JSON.stringify(b.context_pack) }));
  let n = 0;
  async function writer(until: number): Promise<number> {
    const client = await pool.connect();
    const insertRow = pgRowInserter(client);
    let written = 0;
    try {
      while (performance.now() < until) {
        const from = n;
        n += BATCH;
        const now = Date.now();
        // In session order: the summary triggers lock each session's rows, and concurrent
        // transactions taking them in different orders would deadlock.
        const batch = Array.from({ length: BATCH }, (_, i) => rowsToStore[(from + i) % rowsToStore.length]);
        batch.sort((a, b) => (a.session_id < b.session_id ? -1 : a.session_id > b.session_id ? 1 : 0));
        await client.query("BEGIN");
        for (const row of batch) await insertRow(row, now);
        await client.query("COMMIT");
        written += BATCH;
      }
    } finally {
      client.release();
    }
    return written;
  }
  return {
    label: `raw pg (tx of ${BATCH}, ${CONNECTIONS} connections)`,
    async run(seconds) {
      const started = performance.now();
      const written = await Promise.all(Array.from({ length: CONNECTIONS }, () => writer(started + seconds * 1000)));
      return slice(written.reduce((a, b) => a + b, 0), started);
    },
    close: () => pool.end(),
  };
}

/** A raw inserter into `db` (a database of its own, not the app's). */
export async function rawInserter(db: BenchDatabase, rows: Body[]): Promise<RawInserter> {
  return db.file ? sqliteRaw(db.file, rows) : postgresRaw(db.url, rows);
}
