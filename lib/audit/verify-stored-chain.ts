import Database from "better-sqlite3";
import pg from "pg";
import { verifyChain, type VerifyOptions, type VerifyRun } from "@/lib/audit/verify-chain";
import { config } from "@/lib/config";
import { databaseKindOf } from "@/lib/db/database-kind";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";

// The verifier reads on a connection of its own, inside one read transaction (one snapshot),
// so it neither blocks nor takes a pool connection from the writers for the seconds a large
// chain takes.

async function verifySqlite(file: string, options: VerifyOptions): Promise<VerifyRun> {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.exec("BEGIN");
    return await verifyChain({ kind: "sqlite", all: async (q) => db.prepare(q.sql).all(...q.values) as never[] }, options);
  } finally {
    db.close();
  }
}

async function verifyPostgres(url: string, options: VerifyOptions): Promise<VerifyRun> {
  const client = new pg.Client({ connectionString: url });
  // A lost connection fails the query in flight; the event itself must not go uncaught.
  client.on("error", () => {});
  await client.connect();
  try {
    // REPEATABLE READ: every page sees the same snapshot, in which rows and their links
    // committed together.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return await verifyChain({ kind: "postgres", all: async (q) => (await client.query(q.text, q.values)).rows }, options);
  } finally {
    await client.end();
  }
}

/**
 * Verifies the chain of the configured database, or of `database`: a PostgreSQL URL, a
 * SQLite `file:` URL or a SQLite file path; from the genesis unless `options.from` is given.
 */
export function verifyStoredChain(database = config().DATABASE_URL, options: VerifyOptions = {}): Promise<VerifyRun> {
  return databaseKindOf(database) === "postgres" ? verifyPostgres(database, options) : verifySqlite(sqliteFileFromUrl(database), options);
}

