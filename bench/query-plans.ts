import Database from "better-sqlite3";
import { pageRowsSql } from "@/lib/interactions/filter-sql";
import { parseListQuery } from "@/lib/interactions/schema";

// EXPLAIN QUERY PLAN of the SQL the list API really runs: the page query findInteractions()
// builds (pageRowsSql) for each list query, explained with its parameters on the same
// database. Used by the bench and by tests/unit/query-plans.test.ts.

export type QueryPlan = { name: string; sql: string; plan: string[] };

/** Whether a plan reads through an index, never sorts in a temp B-tree and never scans the table. */
export function planProblems(plan: string[]): string[] {
  const problems: string[] = [];
  if (!plan.some((line) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(line))) problems.push("uses no index");
  if (plan.some((line) => line.includes("USE TEMP B-TREE"))) problems.push("sorts in a temp B-tree");
  if (plan.some((line) => /^SCAN (main\.)?interactions( AS j)?$/.test(line.trim()))) problems.push("scans the whole table");
  return problems;
}

/** Explains the page query of each named list query (a query string) against `file`. */
export function listQueryPlans(file: string, queries: Record<string, string>): QueryPlan[] {
  const db = new Database(file, { readonly: true });
  try {
    return Object.entries(queries).map(([name, query]) => {
      const parsed = parseListQuery(new URLSearchParams(query));
      if (!parsed.success) throw new Error(`bad bench query ${query}: ${parsed.error.message}`);
      const q = parsed.data;
      // As findInteractionPage reads a page: a cursor bounds it, one extra row tells if more exist.
      const sql = pageRowsSql(q, q.after ? { newer: q.after } : { older: q.cursor }, q.limit + 1);
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.values) as { detail: string }[];
      return { name, sql: sql.sql, plan: rows.map((row) => row.detail) };
    });
  } finally {
    db.close();
  }
}
