import Database from "better-sqlite3";
import type { DatabaseKind } from "@/lib/db/database-kind";
import { encodeCursor } from "@/lib/interactions/cursor";
import { pageRowsSql } from "@/lib/db/sql/filter-sql";
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

/** The page query findInteractionPage() runs for a list query string, in either dialect. */
export function pageQuery(name: string, query: string, dialect: DatabaseKind) {
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

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

/**
 * Every list query worth explaining, as query strings: no filter, the time bounds and a cursor,
 * then every non-empty subset of the equality filters alone, with a time range and with a
 * cursor. `seed` names a project, client and session that exist, and the newest time.
 */
export function listQueryCombinations(seed: { project: string; client: string; session: string; newest: number }): Record<string, string> {
  const since = `since=${iso(seed.newest - 7 * DAY)}`;
  const until = `until=${iso(seed.newest - DAY)}`;
  const cursor = `cursor=${encodeCursor({ createdAt: seed.newest - DAY, seq: 1500 })}`;
  const filters = { project: `project=${seed.project}`, client: `client=${seed.client}`, session_id: `session_id=${seed.session}` };
  const out: Record<string, string> = { none: "", since, until, "since+until": `${since}&${until}`, cursor };
  const names = Object.keys(filters) as (keyof typeof filters)[];
  for (let mask = 1; mask < 1 << names.length; mask++) {
    const picked = names.filter((_, i) => mask & (1 << i));
    const base = picked.map((n) => filters[n]).join("&");
    const label = picked.join("+");
    out[label] = base;
    out[`${label}+since`] = `${base}&${since}`;
    out[`${label}+since+until`] = `${base}&${since}&${until}`;
    out[`${label}+cursor`] = `${base}&${cursor}`;
  }
  return out;
}
