import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The twin of lib/db/sqlite/run-steps.ts on a PostgreSQL client inside its write transaction, or on the pool (each statement on its own). */
export async function runSteps<T>(db: pg.ClientBase | pg.Pool, steps: Generator<Prisma.Sql, T, unknown[]>): Promise<T> {
  let rows: unknown[] = [];
  for (let step = steps.next(rows); ; step = steps.next(rows)) {
    if (step.done) return step.value;
    rows = (await db.query(step.value.text, step.value.values)).rows;
  }
}
