import pg from "pg";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

// The one connection pool of this process on PostgreSQL, shared by its reads and writes.
// Several app servers share the database, so each keeps its pool small
// (PG_POOL_SIZE, docs/deploying.md).
const globalForPg = globalThis as unknown as { atocorePgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPg.atocorePgPool) {
    const pool = new pg.Pool({ connectionString: config().DATABASE_URL, max: config().PG_POOL_SIZE });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it and the next query reconnects.
    pool.on("error", (err) => log.warn("postgres_idle_connection_lost", { error: err.message }));
    globalForPg.atocorePgPool = pool;
  }
  return globalForPg.atocorePgPool;
}

export async function closePgPool() {
  const pool = globalForPg.atocorePgPool;
  globalForPg.atocorePgPool = undefined;
  await pool?.end();
}
