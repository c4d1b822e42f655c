import pg from "pg";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { insertItemUses, insertRows, type DirectRow, type InsertedRow } from "./direct-rows";
import { openTestDb } from "./open-db";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "./test-database";

/** A row to seed: what the read tests vary; everything else has a plain default. */
export type SeedRow = Omit<DirectRow, "id" | "memories_used" | "chunks_used" | "context_pack"> & {
  memories_used?: string[];
  chunks_used?: string[];
};

/**
 * A migrated throwaway database of the kind under test (TEST_DATABASE), seeded with SQL
 * straight into its tables, as another tool writing the database would: the read tests need
 * no server and no write path. Rows go in through tests/helpers/direct-rows.ts, with their item uses.
 */
export type SqlTestDatabase = TestDatabase & {
  insert: (rows: SeedRow[]) => Promise<InsertedRow[]>;
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
};

export async function createSqlTestDatabase(label: string, kind = testDatabaseKind()): Promise<SqlTestDatabase> {
  const database = await createTestDatabase(label, kind);
  if (kind === "postgres") await migratePostgres(database.url);
  else migrateSqlite(database.file!);
  const db = await openTestDb(database.url);
  return {
    ...database,
    async insert(rows) {
      const direct = rows.map((r) => ({ ...r, memories_used: JSON.stringify(r.memories_used ?? []), chunks_used: JSON.stringify(r.chunks_used ?? []) }));
      const seeded = await insertRows(db, direct);
      await insertItemUses(db, seeded, direct);
      return seeded;
    },
    exec: db.exec,
    close: async () => {
      await db.close();
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

/** Closes what a read test opened through lib/ (the database's connections), then the database. */
export async function closeReads(database: SqlTestDatabase | undefined): Promise<void> {
  await (await import("@/lib/db")).database().connections.close();
  await database?.close();
}
