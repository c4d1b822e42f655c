import type pg from "pg";
import { pgPool } from "@/lib/db/postgres";

// Every write transaction on PostgreSQL (captures, imports, completions) first takes ONE
// transaction-scoped advisory lock, the twin of SQLite's BEGIN IMMEDIATE: writers of every app
// server queue on it, so
//  - the hash chain stays one chain: the head a writer reads is the last committed link, since
//    the previous holder releases the lock only once its commit is visible (READ COMMITTED takes
//    a fresh snapshot per statement, after the lock is granted);
//  - the id check and the insert are one step: a retry of an id on server B while A inserts it
//    waits for A's commit and then finds the row (the original receipt, never a unique violation).
// An advisory lock rather than `SELECT ... FOR UPDATE` on a one-row head table: no table to
// migrate, no dead row versions per write, and it works behind a transaction-mode pooler. It
// serialises writes as SQLite does; batching (one transaction per request) is what makes it cheap.
export const WRITE_LOCK_KEY = 1635083369; // "audi"; the migrator holds 72707369 (Prisma's key)

// One round trip: synchronous_commit is forced on so that COMMIT returns only once the commit is
// durable whatever the server's default (an acknowledged capture must survive a crash); a writer
// waits at most LOCK_TIMEOUT for the lock, and an app server that stalls inside a transaction
// loses its session (and the lock) instead of blocking every other server's writes.
const BEGIN_WRITE = [
  "BEGIN",
  "SET LOCAL synchronous_commit = on",
  "SET LOCAL lock_timeout = '10s'",
  "SET LOCAL idle_in_transaction_session_timeout = '30s'",
  `SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`,
].join(";\n");

/**
 * Runs `work` in one write transaction on a pool connection, holding the write lock, and
 * resolves after COMMIT has returned (durable). Any failure rolls the whole transaction back and
 * is rethrown as it came: callers say what was not stored.
 */
export async function inWriteTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  // While a client is checked out the pool does not listen for its errors: a connection lost
  // mid-transaction would be an uncaught 'error' event. The query in flight fails with it anyway.
  let broken: Error | undefined;
  const lost = (err: Error) => (broken = err);
  client.on("error", lost);
  try {
    await client.query(BEGIN_WRITE);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    // A connection that was lost or cannot even roll back is in an unknown state: the pool drops it.
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.off("error", lost);
    client.release(broken);
  }
}
