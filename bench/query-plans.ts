import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseKind } from "@/lib/db/database-kind";
import { pageRowsSql } from "@/lib/interactions/filter-sql";
import { parseListQuery, type ListQuery } from "@/lib/interactions/schema";

// The query plan of the SQL the list API really runs: the page query findInteractions()
// builds (pageRowsSql) for each list query, explained with its parameters on the same
// database: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL. Used by the bench and by
// tests/unit/query-plans.test.ts.

export type QueryPlan = { name: string; sql: string; plan: string[] };

/** Whether a SQLite plan reads through an index, never sorts in a temp B-tree and never scans the table. */
export function planProblems(plan: string[]): string[] {
  const problems: string[] = [];
  if (!plan.some((line) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(line))) problems.push("uses no index");
  if (plan.some((line) => line.includes("USE TEMP B-TREE"))) problems.push("sorts in a temp B-tree");
  if (plan.some((line) => /^SCAN (main\.)?interactions( AS j)?$/.test(line.trim()))) problems.push("scans the whole table");
  return problems;
}

/** The same three checks on a PostgreSQL plan (EXPLAIN's text lines). */
export function planProblemsPg(plan: string[]): string[] {
  const problems: string[] = [];
  if (!plan.some((line) => /Index (Only )?Scan/.test(line))) problems.push("uses no index");
  if (plan.some((line) => /\bSort\b/.test(line))) problems.push("sorts");
  if (plan.some((line) => /Seq Scan on interactions/.test(line))) problems.push("scans the whole table");
  return problems;
}

function pageQuery(name: string, query: string, dialect: DatabaseKind) {
  const parsed = parseListQuery(new URLSearchParams(query));
  if (!parsed.success) throw new Error(`bad bench query ${name} (${query}): ${parsed.error.message}`);
  const q: ListQuery = parsed.data;
  // As findInteractionPage reads a page: a cursor bounds it, one extra row tells if more exist.
  return pageRowsSql(q, q.after ? { newer: q.after } : { older: q.cursor }, q.limit + 1, dialect);
}

/** Explains the page query of each named list query (a query string) against SQLite `file`. */
export function listQueryPlans(file: string, queries: Record<string, string>): QueryPlan[] {
  const db = new Database(file, { readonly: true });
  try {
    return Object.entries(queries).map(([name, query]) => {
      const sql = pageQuery(name, query, "sqlite");
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.values) as { detail: string }[];
      return { name, sql: sql.sql, plan: rows.map((row) => row.detail) };
    });
  } finally {
    db.close();
  }
}

/** The same against PostgreSQL `url`. */
export async function listQueryPlansPg(url: string, queries: Record<string, string>): Promise<QueryPlan[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plans: QueryPlan[] = [];
    for (const [name, query] of Object.entries(queries)) {
      const sql = pageQuery(name, query, "postgres");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
      plans.push({ name, sql: sql.text, plan: rows.map((row) => row["QUERY PLAN"]) });
    }
    return plans;
  } finally {
    await client.end();
  }
}
