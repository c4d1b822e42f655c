import type { Connection } from "@/lib/db/connection";

/** The connections behind the small statements written once for both databases (lib/db/connection.ts). */
export interface Connections {
  /** The process's own connection: the SQLite write connection, or the PostgreSQL pool. */
  process(): Connection;
  /** A connection of its own to the database at `url` (scripts and tests); close it after use. */
  open(url: string): Promise<Connection & { close: () => Promise<void> }>;
  /**
   * Closes what the process opened (on SQLite after copying the WAL into the database file).
   * Its synchronous part is all an exit hook gets, and is enough: nothing acknowledged is lost.
   */
  close(): Promise<void>;
}
