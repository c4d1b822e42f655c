import { closeReader } from "@/lib/db/reader";
import { closeSqlite } from "@/lib/db/sqlite";
import { log } from "@/lib/log";

/**
 * On SIGTERM/SIGINT `next start` stops accepting connections, lets in-flight requests finish,
 * then exits; this closes the connections as the process exits (checkpointing the WAL).
 */
export function closeDatabaseOnExit() {
  process.once("SIGTERM", () => log.info("shutdown_started", { signal: "SIGTERM" }));
  process.once("exit", (code) => {
    closeReader();
    closeSqlite();
    log.info("database_closed", { exit_code: code });
  });
}
