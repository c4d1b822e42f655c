import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { withDatabase, type TestDb } from "./open-db";

export type { TestDb };

// The API tests' view of a database: by default the shared test server's (global-setup.ts).

/** Opens the database (by default the shared test server's), runs fn, closes it. */
export function withDb<T>(fn: (db: TestDb) => Promise<T>, databaseUrl: string = inject("databaseUrl")): Promise<T> {
  return withDatabase(databaseUrl, fn);
}

/** Runs fn inside one transaction of db: all of its writes or none. */
export async function inTransaction<T>(db: TestDb, fn: () => Promise<T>): Promise<T> {
  await db.exec("BEGIN");
  try {
    const result = await fn();
    await db.exec("COMMIT");
    return result;
  } catch (err) {
    await db.exec("ROLLBACK");
    throw err;
  }
}

/** How many stored interactions carry this marker in any text field. */
export async function rowsMentioning(marker: string, databaseUrl?: string): Promise<number> {
  const like = `%${marker}%`;
  const row = await withDb(
    (db) =>
      db.get<{ n: number }>(
        `SELECT count(*) AS n FROM interactions
         WHERE prompt LIKE ? OR response LIKE ? OR project LIKE ? OR client LIKE ? OR session_id LIKE ?
           OR CAST(context_pack AS TEXT) LIKE ?`,
        like,
        like,
        like,
        like,
        like,
        like,
      ),
    databaseUrl,
  );
  return row!.n;
}

export type DirectRow = {
  id?: string;
  prompt?: string;
  response?: string;
  response_summary?: string;
  project?: string;
  client?: string;
  session_id?: string;
  /** JSON text (PostgreSQL's jsonb takes only valid JSON). */
  memories_used?: string;
  chunks_used?: string;
  context_pack?: string;
  /** epoch ms */
  created_at: number;
};

const DIRECT_COLUMNS = ["id", "prompt", "response", "response_summary", "project", "client", "session_id", "memories_used", "chunks_used", "context_pack", "created_at"] as const;

/** Writes rows straight into the database (by default the shared server's), as another tool would. */
export async function insertDirect(rows: DirectRow[], databaseUrl?: string): Promise<string[]> {
  return withDb(
    (db) =>
      inTransaction(db, async () => {
        const ids: string[] = [];
        for (const r of rows) {
          const row = { prompt: "p", response: "", response_summary: "", project: "", client: "", session_id: "", memories_used: "[]", chunks_used: "[]", context_pack: "{}", ...r, id: r.id ?? randomUUID() };
          await db.run(
            `INSERT INTO interactions (${DIRECT_COLUMNS.join(", ")}) VALUES (${DIRECT_COLUMNS.map(() => "?").join(", ")})`,
            ...DIRECT_COLUMNS.map((c) => (c === "created_at" ? db.time(row.created_at) : row[c])),
          );
          ids.push(row.id);
        }
        return ids;
      }),
    databaseUrl,
  );
}
