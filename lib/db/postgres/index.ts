import pg from "pg";
import { postgresMemoryAudit } from "@/lib/db/postgres/memory-audit";
import { postgresOtlpSpans } from "@/lib/db/postgres/otlp-spans";
import { postgresRedactions } from "@/lib/db/postgres/redactions";
import { postgresRetention } from "@/lib/db/postgres/retention";
import { postgresReviewStore } from "@/lib/db/postgres/reviews";
import { postgresPacketStore } from "@/lib/db/postgres/packet";
import type { Database } from "@/lib/db/database";
import { completeOnPostgres } from "@/lib/db/postgres/complete";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { closePgPool, pgPool } from "@/lib/db/postgres/pool";
import { readRows } from "@/lib/db/postgres/reader";
import { storeOnPostgres } from "@/lib/db/postgres/store";
import { verifyPostgresChain } from "@/lib/db/postgres/verify-stored-chain";
import { Prisma } from "@/lib/generated/prisma/client";

/** PostgreSQL: several app servers on one database, each with one small pool. */
export const postgresDatabase: Database = {
  kind: "postgres",
  interactions: { store: storeOnPostgres, complete: completeOnPostgres },
  chain: { verify: verifyPostgresChain },
  reads: { rows: readRows },
  connections: {
    process: () => ({ kind: "postgres", db: pgPool() }),
    open: async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return { kind: "postgres", db: client, close: () => client.end() };
    },
    // Each connection's Terminate message is written to its socket at once (an exit hook need
    // not wait), so the server ends those sessions cleanly instead of finding them cut.
    close: closePgPool,
  },
  health: { check: async () => void (await readRows(Prisma.sql`SELECT 1 FROM interactions LIMIT 1`)) },
  migrate: {
    apply: migratePostgres,
    location: (url) => ({ database: "postgres", host: new URL(url).host || "localhost" }),
  },
  memoryAudit: postgresMemoryAudit,
  redactions: postgresRedactions,
  retention: postgresRetention,
  reviews: postgresReviewStore,
  packet: postgresPacketStore,
  otlpSpans: postgresOtlpSpans,
};
