import { database } from "@/lib/db";
import { log } from "@/lib/log";

/**
 * On SIGTERM/SIGINT `next start` stops accepting connections, lets in-flight requests finish,
 * then exits; this closes the database's connections as the process exits (on SQLite, after
 * checkpointing the WAL into the database file). The exit hook cannot wait, and need not
 * (lib/db/contract/connections.ts).
 */
export function closeDatabaseOnExit() {
  process.once("SIGTERM", () => log.info("shutdown_started", { signal: "SIGTERM" }));
  process.once("exit", (code) => {
    void database().connections.close();
    log.info("database_closed", { exit_code: code });
  });
}
