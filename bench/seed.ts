import Database from "better-sqlite3";
import { readMigrations } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { realisticTurns, type ShapeSpec } from "@/lib/demo/generate-turns";
import { rowInserter } from "./insert-rows";

// Seeds generated turns of the realistic shape (lib/demo/generate-turns.ts) straight into a new
// database, fast: one connection, no fsync, the secondary indexes dropped during the load and
// rebuilt after (one sorted pass each), rows written in time order so seq follows created_at as
// it does in production. The rows go into the first migration's tables; the later migrations
// then build the full-text index and the session summaries from them in bulk, as they do when
// they upgrade a database that already holds interactions (per row, their triggers cost about
// as much as the load itself), and the rows and what is derived from them come out the same.

export type SeedInfo = {
  rows: number;
  seconds: number;
  dbBytes: number;
  /** The most captured project and client, a typical session, the long session, the turn with the 3 MB pack. */
  project: string;
  client: string;
  session: string;
  longSession: string;
  bigPackId: string | null;
  newest: number;
};

/** What a database holds, for the bench to name in its queries: size, busiest project and client. */
export function describeDatabase(file: string): Pick<SeedInfo, "rows" | "dbBytes" | "project" | "client"> {
  const db = new Database(file, { readonly: true });
  try {
    const busiest = (col: string) =>
      (db.prepare(`SELECT ${col} AS v FROM interactions GROUP BY ${col} ORDER BY count(*) DESC LIMIT 1`).get() as { v: string }).v;
    const pages = (db.pragma("page_count", { simple: true }) as number) * (db.pragma("page_size", { simple: true }) as number);
    return { rows: (db.prepare("SELECT count(*) AS n FROM interactions").get() as { n: number }).n, dbBytes: pages, project: busiest("project"), client: busiest("client") };
  } finally {
    db.close();
  }
}

/** Creates the database at `file` and seeds it with the generated set `spec`. */
export function seedInteractions(file: string, spec: ShapeSpec): SeedInfo {
  const started = performance.now();
  const { landmarks, turns } = realisticTurns(spec);
  const migrations = readMigrations();
  migrateSqlite(file, migrations.slice(0, 1));

  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('interactions', 'interaction_uses') AND name != 'interactions_id_key'`,
    )
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);

  const insertRow = rowInserter(db);
  const begin = db.prepare("BEGIN");
  const commit = db.prepare("COMMIT");
  let n = 0;
  begin.run();
  for (const t of turns()) {
    insertRow({ ...t, context_pack: JSON.stringify(t.context_pack) }, Date.parse(t.created_at));
    if (++n % 5_000 === 0) {
      commit.run();
      begin.run();
    }
  }
  commit.run();
  for (const ix of indexes) db.exec(ix.sql);
  db.close();
  migrateSqlite(file, migrations);
  const checkpoint = new Database(file);
  checkpoint.pragma("wal_checkpoint(TRUNCATE)");
  checkpoint.close();
  return {
    ...describeDatabase(file),
    seconds: (performance.now() - started) / 1000,
    session: landmarks.typicalSession,
    longSession: landmarks.longSession,
    bigPackId: landmarks.bigPackId,
    newest: landmarks.newest,
  };
}
