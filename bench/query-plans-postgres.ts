import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pageQuery } from "./query-plans";

// The PostgreSQL twin of ./query-plans.ts: EXPLAIN of the SQL the API really runs, with its
// parameters bound (the plan PostgreSQL picks for those values). Used by
// tests/unit/query-plans-postgres.test.ts.

export type PgPlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Scan Direction"?: string;
  Alias?: string;
  "Plan Rows"?: number;
  Plans?: PgPlanNode[];
};
export type PgQueryPlan = { name: string; sql: string; plan: PgPlanNode };

const TABLES = ["interactions", "interaction_uses", "sessions", "session_projects", "session_clients"];

function nodes(plan: PgPlanNode): PgPlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The plan as one line per node, for a readable failure: "Index Scan Backward interactions_created_at_seq_idx on interactions j". */
export function planLines(plan: PgPlanNode): string[] {
  return nodes(plan).map((n) =>
    [n["Node Type"], n["Scan Direction"] === "Backward" ? "Backward" : "", n["Index Name"] ?? "", n["Relation Name"] ? `on ${n["Relation Name"]} ${n.Alias ?? ""}` : ""]
      .filter(Boolean)
      .join(" ")
      .trim(),
  );
}

// PostgreSQL's planner, unlike SQLite's, reads a few matches through a bitmap of the index and
// sorts them when its statistics say there are few (fewer than a page or so): that sort costs
// what the page costs. A sort of more than this many estimated rows is a problem.
export const MAX_SORTED_ROWS = 500;

/** Whether a plan reads through an index, never sorts more than a few pages of rows and never scans a whole table. */
export function postgresPlanProblems(plan: PgPlanNode, maxSortedRows = MAX_SORTED_ROWS): string[] {
  const all = nodes(plan);
  const problems: string[] = [];
  if (!all.some((n) => n["Index Name"])) problems.push("uses no index");
  for (const n of all) {
    if (/Sort/.test(n["Node Type"]) && (n["Plan Rows"] ?? Infinity) > maxSortedRows) problems.push(`sorts ${n["Plan Rows"]} rows`);
  }
  for (const n of all) {
    if (n["Node Type"] === "Seq Scan" && TABLES.includes(n["Relation Name"] ?? "")) problems.push(`scans the whole table ${n["Relation Name"]}`);
  }
  return problems;
}

export async function explainPostgres(client: pg.ClientBase, sql: Prisma.Sql): Promise<PgPlanNode> {
  const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PgPlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values);
  return rows[0]["QUERY PLAN"][0].Plan;
}

/** Explains the page query of each named list query (a query string) on the database at `url`. */
export async function listQueryPlansPostgres(url: string, queries: Record<string, string>): Promise<PgQueryPlan[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plans: PgQueryPlan[] = [];
    for (const [name, query] of Object.entries(queries)) {
      const sql = pageQuery(name, query, "postgres");
      plans.push({ name, sql: sql.text, plan: await explainPostgres(client, sql) });
    }
    return plans;
  } finally {
    await client.end();
  }
}
