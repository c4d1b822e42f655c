import { closePgPool } from "@/lib/db/postgres/pool";
import { closeReader } from "@/lib/db/sqlite/reader";
import { sqlDialect } from "@/lib/db/dialect";
import { checkpointSqlite, closeSqlite } from "@/lib/db/sqlite/connection";
import { log } from "@/lib/log";

/**
 * On SIGTERM/SIGINT `next start` stops accepting connections, lets in-flight requests finish,
 * then exits; this checkpoints SQLite's WAL into the database file and closes the connections
 * as the process exits.
 * The exit hook cannot wait, but ending the PostgreSQL pool needs none: no request is left to
 * use it, and each connection's Terminate message is written to its socket at once, so the
 * server ends those sessions cleanly instead of finding them cut.
 */
export function closeDatabaseOnExit() {
  process.once("SIGTERM", () => log.info("shutdown_started", { signal: "SIGTERM" }));
  process.once("exit", (code) => {
    closeReader();
    // Every request has finished, so the write thread holds no transaction open.
    if (sqlDialect() === "sqlite") checkpointSqlite();
    closeSqlite();
    void closePgPool();
    log.info("database_closed", { exit_code: code });
  });
}
