import type pg from "pg";
import { pgPool } from "@/lib/db/postgres/pool";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

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

// Group commit, as on SQLite (lib/db/sqlite/wal-sync.ts): the lock is held through COMMIT, so a COMMIT
// that waited for its WAL flush would make every writer of every server wait for
// every fsync in turn. The write transaction commits with synchronous_commit = off (COMMIT returns
// once visible, the lock is released), then DURABLE, below, waits for the flush before anyone is
// answered. A writer waits at most 10 s for the lock, and an app server that stalls inside a
// transaction loses its session (and the lock) instead of blocking every other server's writes.
const BEGIN_WRITE = [
  "BEGIN",
  "SET LOCAL synchronous_commit = off",
  "SET LOCAL lock_timeout = '10s'",
  "SET LOCAL idle_in_transaction_session_timeout = '30s'",
  `SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`,
].join(";\n");

// A tiny transaction whose commit PostgreSQL must flush: it writes one WAL record (a transactional
// logical message, which any role may write and which changes no table) and commits with
// synchronous_commit at least on (a stronger setting of the server's, such as remote_apply with
// synchronous standbys, is kept). WAL is flushed in order, so when it returns the write
// transaction's commit, earlier in the WAL, is durable too; PostgreSQL merges the flushes that
// concurrent writers ask for into one fsync. (A transaction that writes no WAL, such as
// `SELECT txid_current()`, commits without flushing, so it would not do.)
export const DURABLE = [
  "BEGIN",
  "SELECT set_config('synchronous_commit', CASE current_setting('synchronous_commit') WHEN 'off' THEN 'on' ELSE current_setting('synchronous_commit') END, true)",
  "SELECT pg_logical_emit_message(true, 'atocore-audit', 'durable')",
  "COMMIT",
].join(";\n");

const rolledBack = new WeakSet<object>();

/** Whether inWriteTransaction threw `err` before sending COMMIT: nothing of that transaction was stored. */
export function rolledBackBeforeCommit(err: unknown): boolean {
  // has() of a value that is not an object is false (only add() refuses one).
  return rolledBack.has(err as object);
}

/**
 * Runs `work` in one write transaction on a pool connection, holding the write lock, and
 * resolves once its commit is durable. `reads` (statements without parameters) run right after
 * the lock is granted, in the same round trip; `work` gets their results. Any failure before
 * COMMIT rolls the whole transaction back and is rethrown as it came: callers say what was not
 * stored. Should the durability wait fail, the transaction did commit: that is a 503 of its own,
 * asking for a resend.
 * (Not withAdvisoryLock, lib/db/connection.ts: that one takes any connection and commits plainly,
 * without the write lock's timeouts, the reads in the lock's round trip or the durability wait.)
 */
export async function inWriteTransaction<T>(
  work: (client: pg.PoolClient, reads: pg.QueryResult[]) => Promise<T>,
  reads: readonly string[] = [],
): Promise<T> {
  const client = await pgPool().connect();
  // While a client is checked out the pool does not listen for its errors: a connection lost
  // mid-transaction would be an uncaught 'error' event. The query in flight fails with it anyway.
  let broken: Error | undefined;
  const lost = (err: Error) => (broken = err);
  client.on("error", lost);
  try {
    let result: T;
    let committing = false;
    try {
      // Several statements in one simple query: each takes its own snapshot, so the reads see
      // everything committed before the lock was granted.
      const results = (await client.query([BEGIN_WRITE, ...reads].join(";\n"))) as unknown as pg.QueryResult[];
      result = await work(client, results.slice(results.length - reads.length));
      committing = true;
      await client.query("COMMIT");
    } catch (err) {
      // A connection that was lost or cannot even roll back is in an unknown state: the pool drops it.
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      // Before COMMIT was sent nothing of the transaction can have been stored; a COMMIT that
      // failed (the connection lost during it, say) may have been applied.
      if (!committing && typeof err === "object" && err !== null) rolledBack.add(err);
      throw err;
    }
    try {
      await client.query(DURABLE);
    } catch (err) {
      broken ??= err as Error;
      log.error("write_not_confirmed_durable", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      throw new AppError(
        "unavailable",
        "The request was stored, but the database could not confirm that it is on disk; send it again (captures with an id, and completions, are safe to resend)",
      );
    }
    return result;
  } finally {
    client.off("error", lost);
    client.release(broken);
  }
}
