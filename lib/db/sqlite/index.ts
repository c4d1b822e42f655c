import Database from "better-sqlite3";
import { sqliteMemoryAudit } from "@/lib/db/sqlite/memory-audit";
import { sqliteOtlpSpans } from "@/lib/db/sqlite/otlp-spans";
import { sqliteRedactions } from "@/lib/db/sqlite/redactions";
import { sqliteRetention } from "@/lib/db/sqlite/retention";
import { sqliteReviewStore } from "@/lib/db/sqlite/reviews";
import { sqlitePacketStore } from "@/lib/db/sqlite/packet";
import type { Database as AuditDatabase } from "@/lib/db/database";
import { checkpointSqlite, closeSqlite, sqlite } from "@/lib/db/sqlite/connection";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { sqliteInteractions } from "@/lib/db/sqlite/interactions";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { preparedStatement } from "@/lib/db/sqlite/per-connection";
import { applyPragmas, BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import { closeReader, readRows } from "@/lib/db/sqlite/reader";
import { verifySqliteChainOffThread } from "@/lib/db/sqlite/verify-thread";
import { Prisma } from "@/lib/generated/prisma/client";

const PROBE = Prisma.sql`SELECT 1 FROM interactions LIMIT 1`;

/** The embedded SQLite database: one file, one write connection (on the write thread in the server), one read-only connection. */
export const sqliteDatabase: AuditDatabase = {
  kind: "sqlite",
  interactions: sqliteInteractions,
  chain: { verify: verifySqliteChainOffThread },
  reads: { rows: readRows },
  connections: {
    process: () => ({ kind: "sqlite", db: sqlite() }),
    open: async (url) => {
      const db = new Database(sqliteFileFromUrl(url), { timeout: BUSY_TIMEOUT_MS });
      applyPragmas(db);
      return { kind: "sqlite", db, close: async () => void db.close() };
    },
    close: async () => {
      closeReader();
      // Every request has finished, so the write thread holds no transaction open.
      checkpointSqlite();
      closeSqlite();
    },
  },
  health: {
    // The event loop's own connection (tokens) and the read-only one.
    check: async () => {
      preparedStatement(sqlite(), PROBE.sql).get();
      await readRows(PROBE);
    },
  },
  migrate: {
    apply: async (url) => migrateSqlite(sqliteFileFromUrl(url)),
    location: (url) => ({ database: "sqlite", file: sqliteFileFromUrl(url) }),
  },
  memoryAudit: sqliteMemoryAudit,
  redactions: sqliteRedactions,
  retention: sqliteRetention,
  reviews: sqliteReviewStore,
  packet: sqlitePacketStore,
  otlpSpans: sqliteOtlpSpans,
};
