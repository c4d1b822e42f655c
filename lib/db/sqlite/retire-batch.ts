import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { RetiredBatch } from "@/lib/db/contract/retention";
import { appendLinks } from "@/lib/db/sqlite/chain";
import { refreshItemFigures } from "@/lib/db/sqlite/item-index-refresh";
import { retireBatchSteps } from "@/lib/db/sql/retire-sql";

export type RetireInput = { before: number; limit: number };

/** The body of one retirement batch's transaction on `db` (the write job "retire"). */
export function retireBatch(db: Database.Database, { before, limit }: RetireInput): RetiredBatch | null {
  const now = Date.now();
  const retirement = randomUUID();
  const steps = retireBatchSteps("sqlite", before, limit, retirement, now);
  let rows: unknown[] = [];
  for (let step = steps.next(rows); ; step = steps.next(rows)) {
    if (step.done) {
      if (!step.value) return null;
      const { plan, ids, items } = step.value;
      refreshItemFigures(db, items);
      appendLinks(db, [plan.link]);
      return { ...plan.facts, retirement, at: now, ids };
    }
    const statement = db.prepare(step.value.sql);
    rows = statement.reader ? statement.all(...step.value.values) : (statement.run(...step.value.values), []);
  }
}
