import { randomUUID } from "node:crypto";
import type { RetentionStore } from "@/lib/db/contract/retention";
import { appendLinks } from "@/lib/db/postgres/chain";
import { runSteps } from "@/lib/db/postgres/run-steps";
import { inWriteTransaction } from "@/lib/db/postgres/write";
import { retireBatchSteps } from "@/lib/db/sql/retire-sql";

// Retention on PostgreSQL: each batch one write transaction holding the write lock, running the
// statements of lib/db/sql/retire-sql.ts, then appending the link.
export const postgresRetention: RetentionStore = {
  retireBatch: (before, limit) =>
    inWriteTransaction(async (client) => {
      // The database's clock, as a capture's and a redaction's time.
      const now = Number((await client.query<{ ms: number }>("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms")).rows[0].ms);
      const retirement = randomUUID();
      const plan = await runSteps(client, retireBatchSteps("postgres", before, limit, retirement, now));
      if (!plan) return null;
      await appendLinks(client, [plan.link]);
      return { ...plan.facts, retirement, at: now };
    }),
};
