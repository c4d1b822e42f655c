import { closePgPool } from "@/lib/db/postgres";
import { closeReader } from "@/lib/db/reader";
import { closeSqlite } from "@/lib/db/sqlite";
import { log } from "@/lib/log";

/**
 * On SIGTERM/SIGINT `next start` stops accepting connections, lets in-flight requests finish,
 * then exits; this closes the connections as the process exits (checkpointing SQLite's WAL).
 * The exit hook cannot wait, but ending the PostgreSQL pool needs none: no request is left to
 * use it, and each connection's Terminate message is written to its socket at once, so the
 * server ends those sessions cleanly instead of finding them cut.
 */
export function closeDatabaseOnExit() {
  process.once("SIGTERM", () => log.info("shutdown_started", { signal: "SIGTERM" }));
  process.once("exit", (code) => {
    closeReader();
    closeSqlite();
    void closePgPool();
    log.info("database_closed", { exit_code: code });
  });
}
