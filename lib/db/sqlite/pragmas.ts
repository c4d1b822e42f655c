import type Database from "better-sqlite3";

export const BUSY_TIMEOUT_MS = 5000;

// A checkpoint copies the WAL into the database file inside the commit that takes the WAL past
// this many pages. At SQLite's default (1,000 pages) a storm of captures paid one every few
// transactions; the write thread checkpoints once idle (write-thread-worker.ts), and this bound
// only keeps the WAL from growing while writes never pause (~40 MB).
const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

// WAL lets the viewer read while agents write; synchronous=FULL makes a commit durable
// before we acknowledge it (an acknowledged capture must survive a kill or power loss).
// synchronous is per connection and better-sqlite3 builds default WAL connections to
// NORMAL, so every connection we open runs this whole script.
// The busy timeout comes first: setting WAL waits for the file as any statement does.
export function applyPragmas(db: Database.Database, busyTimeoutMs = BUSY_TIMEOUT_MS) {
  db.exec([`PRAGMA busy_timeout = ${busyTimeoutMs}`, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"].join(";\n"));
}

/**
 * The write connection's settings: as above, but commits do not flush the WAL themselves;
 * writers await walSyncer() (lib/db/sqlite/wal-sync.ts) before acknowledging, which gives the same
 * durability with one fsync shared by concurrent commits and off the event loop.
 */
export function applyWriterPragmas(db: Database.Database) {
  applyPragmas(db);
  db.pragma("synchronous = NORMAL");
  // The savepoint of each write job (lib/db/sqlite/write-jobs.ts) keeps the pages it changes in a
  // sub-journal, which otherwise spills to a temporary file past 64 KB: a capture changes tens
  // of pages, and each would go through pwrite() to a file that is thrown away at commit.
  db.pragma("temp_store = MEMORY");
  db.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
}
