import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { findInteractions } from "@/lib/interactions/find-interactions";
import { parseListQuery } from "@/lib/interactions/schema";

// EXPLAIN QUERY PLAN of the SQL the list API really runs: findInteractions() is called with a
// Prisma client that reports its queries, and each captured statement is explained with the
// same parameters on the same database. Used by the bench and by tests/unit/query-plans.test.ts.

export type QueryPlan = { name: string; sql: string; plan: string[] };

/** Whether a plan reads through an index, never sorts in a temp B-tree and never scans the table. */
export function planProblems(plan: string[]): string[] {
  const problems: string[] = [];
  if (!plan.some((line) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(line))) problems.push("uses no index");
  if (plan.some((line) => line.includes("USE TEMP B-TREE"))) problems.push("sorts in a temp B-tree");
  if (plan.some((line) => /^SCAN (main\.)?interactions$/.test(line.trim()))) problems.push("scans the whole table");
  return problems;
}

// Prisma reports DateTime parameters as ISO text; the adapter binds them as epoch ms
// (timestampFormat "unixepoch-ms"), so they are bound that way here too.
function bindable(value: unknown): unknown {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    return Date.parse(value);
  }
  return value;
}

/** Runs each named list query (a query string) against `file` and explains the SQL it ran. */
export async function listQueryPlans(file: string, queries: Record<string, string>): Promise<QueryPlan[]> {
  const client = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: file }, { timestampFormat: "unixepoch-ms" }),
    log: [{ emit: "event", level: "query" }],
  });
  const seen: { sql: string; params: unknown[] }[] = [];
  client.$on("query", (e) => seen.push({ sql: e.query, params: (JSON.parse(e.params) as unknown[]).map(bindable) }));
  const global = globalThis as unknown as { atocorePrisma?: PrismaClient };
  const previous = global.atocorePrisma;
  global.atocorePrisma = client;
  const db = new Database(file, { readonly: true });
  try {
    const plans: QueryPlan[] = [];
    for (const [name, query] of Object.entries(queries)) {
      const parsed = parseListQuery(new URLSearchParams(query));
      if (!parsed.success) throw new Error(`bad bench query ${query}: ${parsed.error.message}`);
      seen.length = 0;
      await findInteractions(parsed.data);
      for (const { sql, params } of seen) {
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        plans.push({ name, sql, plan: rows.map((row) => row.detail) });
      }
    }
    return plans;
  } finally {
    db.close();
    global.atocorePrisma = previous;
    await client.$disconnect();
  }
}
