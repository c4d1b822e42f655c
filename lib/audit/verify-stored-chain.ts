import Database from "better-sqlite3";
import pg from "pg";
import { verifyChain, type VerifyReport } from "@/lib/audit/verify-chain";
import { config } from "@/lib/config";
import { databaseKindOf } from "@/lib/db/database-kind";
import { BUSY_TIMEOUT_MS } from "@/lib/db/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";

// The verifier reads on a connection of its own, inside one read transaction (one snapshot),
// so it neither blocks nor takes a pool connection from the writers for the seconds a large
// chain takes.

async function verifySqlite(file: string): Promise<VerifyReport> {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.exec("BEGIN");
    return await verifyChain({ kind: "sqlite", all: async (q) => db.prepare(q.sql).all(...q.values) as never[] });
  } finally {
    db.close();
  }
}

async function verifyPostgres(url: string): Promise<VerifyReport> {
  const client = new pg.Client({ connectionString: url });
  // A lost connection fails the query in flight; the event itself must not go uncaught.
  client.on("error", () => {});
  await client.connect();
  try {
    // REPEATABLE READ: every page sees the same snapshot, in which rows and their links
    // committed together.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return await verifyChain({ kind: "postgres", all: async (q) => (await client.query(q.text, q.values)).rows });
  } finally {
    await client.end();
  }
}

/**
 * Verifies the chain of the configured database, or of `database`: a PostgreSQL URL, a
 * SQLite `file:` URL or a SQLite file path.
 */
export function verifyStoredChain(database = config().DATABASE_URL): Promise<VerifyReport> {
  return databaseKindOf(database) === "postgres" ? verifyPostgres(database) : verifySqlite(sqliteFileFromUrl(database));
}

// The viewer shows the status on every page; a full recomputation costs a scan of every row
// (seconds per hundred thousand rows), so pages reuse a result for a while: at
// least a minute, and ten times as long as the last run took, so that the badge never spends
// more than a tenth of the server's time. The API, /audit and `npm run verify` always recompute.
const MIN_REUSE_MS = 60_000;
let recent: { at: number; reuseMs: number; report: Promise<VerifyReport> } | undefined;

export function recentVerifyReport(): Promise<VerifyReport> {
  if (!recent || Date.now() - recent.at > recent.reuseMs) {
    const started = Date.now();
    const entry = { at: started, reuseMs: MIN_REUSE_MS, report: verifyStoredChain() };
    entry.report.then(
      () => (entry.reuseMs = Math.max(MIN_REUSE_MS, 10 * (Date.now() - started))),
      () => recent === entry && (recent = undefined),
    );
    recent = entry;
  }
  return recent.report;
}
