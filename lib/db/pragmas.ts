import type Database from "better-sqlite3";

export const BUSY_TIMEOUT_MS = 5000;

// WAL lets the viewer read while agents write; synchronous=FULL makes a commit durable
// before we acknowledge it (an acknowledged capture must survive a kill or power loss).
export function applyPragmas(db: Database.Database) {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma("foreign_keys = ON");
}
