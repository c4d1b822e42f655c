import type Database from "better-sqlite3";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Runs SQL written once for both databases as a generator of statements (lib/db/sql/), each
 * statement's rows sent back to it; returns what the generator returns. Call it inside the
 * write transaction.
 */
export function runSteps<T>(db: Database.Database, steps: Generator<Prisma.Sql, T, unknown[]>): T {
  let rows: unknown[] = [];
  for (let step = steps.next(rows); ; step = steps.next(rows)) {
    if (step.done) return step.value;
    const statement = db.prepare(step.value.sql);
    rows = statement.reader ? statement.all(...step.value.values) : (statement.run(...step.value.values), []);
  }
}
