import Database from "better-sqlite3";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { migrateSqlite } from "@/lib/db/migrate";
import { migratePostgres } from "@/lib/db/migrate-postgres";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "./test-database";

/** A row to seed: what the read tests vary; everything else has a plain default. */
export type SeedRow = {
  created_at: number;
  prompt?: string;
  response?: string;
  response_summary?: string;
  project?: string;
  client?: string;
  session_id?: string;
  memories_used?: string[];
  chunks_used?: string[];
};
export type SeededRow = { id: string; seq: number };

/**
 * A migrated throwaway database of the kind under test (TEST_DATABASE), seeded with SQL
 * straight into its tables, as another tool writing the database would: the read tests need
 * no server and no write path. Times are stored as each database stores them.
 */
export type SqlTestDatabase = TestDatabase & {
  insert: (rows: SeedRow[]) => Promise<SeededRow[]>;
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
};

const COLUMNS = "id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used, created_at";

function values(r: SeedRow, id: string) {
  const at = r.created_at;
  const text = (v: string | undefined) => v ?? "";
  return {
    row: [id, r.prompt ?? "p", text(r.response), text(r.response_summary), text(r.project), text(r.client), text(r.session_id),
      JSON.stringify(r.memories_used ?? []), JSON.stringify(r.chunks_used ?? [])],
    uses: [...new Set(r.memories_used ?? [])].map((m) => ["memory", m]).concat([...new Set(r.chunks_used ?? [])].map((c) => ["chunk", c])),
    at,
  };
}

export async function createSqlTestDatabase(label: string, kind = testDatabaseKind()): Promise<SqlTestDatabase> {
  const database = await createTestDatabase(label, kind);
  if (kind === "postgres") {
    await migratePostgres(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    return {
      ...database,
      async insert(rows) {
        const out: SeededRow[] = [];
        for (const r of rows) {
          const id = randomUUID();
          const v = values(r, id);
          const { rows: [{ seq }] } = await pool.query<{ seq: number }>(
            `INSERT INTO interactions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq`,
            [...v.row, new Date(v.at)],
          );
          for (const [kindOfUse, item] of v.uses) {
            await pool.query("INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at) VALUES ($1, $2, $3, $4)", [seq, kindOfUse, item, new Date(v.at)]);
          }
          out.push({ id, seq });
        }
        return out;
      },
      exec: async (sql) => void (await pool.query(sql)),
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  }
  migrateSqlite(database.file!);
  const db = new Database(database.file!);
  const insertRow = db.prepare(`INSERT INTO interactions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`).pluck();
  const insertUse = db.prepare("INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at) VALUES (?, ?, ?, ?)");
  return {
    ...database,
    insert: async (rows) =>
      rows.map((r) => {
        const id = randomUUID();
        const v = values(r, id);
        const seq = insertRow.get(...v.row, v.at) as number;
        for (const [kindOfUse, item] of v.uses) insertUse.run(seq, kindOfUse, item, v.at);
        return { id, seq };
      }),
    exec: async (sql) => void db.exec(sql),
    close: async () => {
      db.close();
      await database.drop();
    },
  };
}

/** A migrated throwaway PostgreSQL database with one client on it, for the PostgreSQL-only unit tests. */
export type MigratedPostgres = { url: string; client: pg.Client; close: () => Promise<void> };

export async function migratedPostgres(label: string): Promise<MigratedPostgres> {
  const database = await createTestDatabase(label, "postgres");
  await migratePostgres(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    url: database.url,
    client,
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}
