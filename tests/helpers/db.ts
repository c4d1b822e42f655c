import { inject } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { insertRows, type DirectRow } from "./direct-rows";
import { withDatabase, type TestDb } from "./open-db";

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
