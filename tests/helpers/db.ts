import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { WRITE_LOCK_KEY } from "@/lib/db/postgres/write";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertRows, type DirectRow } from "./direct-rows";
import { openTestDb, withDatabase, type TestDb } from "./open-db";

export type { DirectRow, TestDb };
export { inTransaction } from "./open-db";

// The API tests' view of a database: by default the shared test server's (global-setup.ts).

/** Opens the database (by default the shared test server's), runs fn, closes it. */
export function withDb<T>(fn: (db: TestDb) => Promise<T>, databaseUrl: string = inject("databaseUrl")): Promise<T> {
  return withDatabase(databaseUrl, fn);
}

/** How many stored interactions carry this marker in any text field. */
export async function rowsMentioning(marker: string, databaseUrl?: string): Promise<number> {
  const like = `%${marker}%`;
  const row = await withDb(
    (db) =>
      db.get<{ n: number }>(Prisma.sql`
        SELECT count(*) AS n FROM interactions
        WHERE prompt LIKE ${like} OR response LIKE ${like} OR project LIKE ${like} OR client LIKE ${like}
          OR session_id LIKE ${like} OR CAST(context_pack AS TEXT) LIKE ${like}`),
    databaseUrl,
  );
  return row!.n;
}

/** Writes rows straight into the database (by default the shared server's), as another tool would; returns their ids. */
export async function insertDirect(rows: DirectRow[], databaseUrl?: string): Promise<string[]> {
  return (await withDb((db) => insertRows(db, rows), databaseUrl)).map((r) => r.id);
}

/**
 * Makes the database itself refuse (a real failure inside the write transaction) any insert of
 * an interaction with exactly this prompt, until drop() is called. A trigger: the dialects differ.
 */
export async function refusingPrompt(prompt: string, databaseUrl?: string): Promise<{ drop: () => Promise<void> }> {
  const name = `refuse_${randomUUID().replace(/-/g, "")}`;
  const literal = `'${prompt.replace(/'/g, "''")}'`;
  await withDb((db) =>
    db.exec(
      db.kind === "postgres"
        ? `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'provoked failure'; END $$;
           CREATE TRIGGER ${name} BEFORE INSERT ON interactions FOR EACH ROW WHEN (NEW.prompt = ${literal}) EXECUTE FUNCTION ${name}();`
        : `CREATE TRIGGER ${name} BEFORE INSERT ON interactions WHEN NEW.prompt = ${literal}
             BEGIN SELECT RAISE(ABORT, 'provoked failure'); END`,
    ),
    databaseUrl,
  );
  return {
    drop: () => withDb((db) => db.exec(db.kind === "postgres" ? `DROP FUNCTION ${name}() CASCADE` : `DROP TRIGGER ${name}`), databaseUrl),
  };
}

/**
 * Takes a server's write lock (SQLite's write transaction, PostgreSQL's write advisory lock), so
 * that the writes sent meanwhile queue behind it; release() lets them go. Every write to that
 * database stalls meanwhile: use a server of the test's own.
 */
export async function holdWriteLock(databaseUrl: string): Promise<{ release: () => Promise<void> }> {
  const db = await openTestDb(databaseUrl);
  await db.exec(db.kind === "postgres" ? `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})` : "BEGIN IMMEDIATE");
  return {
    release: async () => {
      try {
        await db.exec("ROLLBACK");
      } finally {
        await db.close();
      }
    },
  };
}
