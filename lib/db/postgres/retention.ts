import { randomUUID } from "node:crypto";
import type { RetentionStore } from "@/lib/db/contract/retention";
import { appendLinks } from "@/lib/db/postgres/chain";
import { refreshItemFigures } from "@/lib/db/postgres/item-index-refresh";
import { inWriteTransaction } from "@/lib/db/postgres/write";
import { retireBatchSteps } from "@/lib/db/sql/retire-sql";

// Retention on PostgreSQL: each batch one write transaction holding the write lock, running the
// statements of lib/db/sql/retire-sql.ts, then the item figures and the link.
export const postgresRetention: RetentionStore = {
  retireBatch: (before, limit) =>
    inWriteTransaction(async (client) => {
      // The database's clock, as a capture's and a redaction's time.
      const now = Number((await client.query<{ ms: number }>("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms")).rows[0].ms);
      const retirement = randomUUID();
      const steps = retireBatchSteps("postgres", before, limit, retirement, now);
      let rows: unknown[] = [];
      for (let step = steps.next(rows); ; step = steps.next(rows)) {
        if (step.done) {
          if (!step.value) return null;
          const { plan, ids, items } = step.value;
          await refreshItemFigures(client, items);
          await appendLinks(client, [plan.link]);
          return { ...plan.facts, retirement, at: now, ids };
        }
        rows = (await client.query(step.value.text, step.value.values)).rows;
      }
    }),
};
