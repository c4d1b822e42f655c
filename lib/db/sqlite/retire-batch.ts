import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { RetiredBatch } from "@/lib/db/contract/retention";
import { appendLinks } from "@/lib/db/sqlite/chain";
import { runSteps } from "@/lib/db/sqlite/run-steps";
import { retireBatchSteps } from "@/lib/db/sql/retire-sql";

export type RetireInput = { before: number; limit: number };

/** The body of one retirement batch's transaction on `db` (the write job "retire"). */
export function retireBatch(db: Database.Database, { before, limit }: RetireInput): RetiredBatch | null {
  const now = Date.now();
  const retirement = randomUUID();
  const plan = runSteps(db, retireBatchSteps("sqlite", before, limit, retirement, now));
  if (!plan) return null;
  appendLinks(db, [plan.link]);
  return { ...plan.facts, retirement, at: now };
}
