import { describe, expect, inject, it } from "vitest";
import type { ListQuery } from "@/lib/interactions/schema";
import { sessionListSql } from "@/lib/db/sql/session-list-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDb } from "../helpers/db";

// Every session list query reads its driving summary table through an index in list
// order: no full table scan and no temp B-tree (sort), whatever the filters.
const cursor = { createdAt: Date.UTC(2026, 0, 1), seq: 42 };
const cases: Record<string, Partial<ListQuery>> = {
  "no filter": {},
  project: { project: "p" },
  client: { client: "c" },
  "project + client": { project: "p", client: "c" },
  session: { session_id: "s" },
  since: { since: 1 },
  until: { until: 2 },
  "project + client + since + cursor": { project: "p", client: "c", since: 1, cursor },
  "deep page": { cursor },
  "newer page": { after: cursor },
  "project, newer page": { project: "p", after: cursor },
};

async function plan(q: Partial<ListQuery>): Promise<string[]> {
  const sql = sessionListSql({ limit: 50, ...q });
  const steps = await withDb((db) => db.all<{ detail: string }>(Prisma.sql`EXPLAIN QUERY PLAN ${sql}`));
  return steps.map((r) => r.detail);
}

// SQLite's EXPLAIN QUERY PLAN of the SQLite statements. PostgreSQL's planner picks by cost, so on
// the near-empty shared database its plans say nothing about the index design: they are checked
// on a seeded database instead (tests/unit/query-plans-postgres.test.ts).
describe.skipIf(inject("databaseKind") === "postgres")("the session list's query plans", () => {
  it.each(Object.entries(cases))("%s: index-only access in list order", async (_name, q) => {
    const steps = await plan(q);
    for (const step of steps) {
      expect(step).not.toMatch(/TEMP B-TREE/);
      // A SCAN is only allowed along the list-order index (the unfiltered list reads it backwards).
      if (step.startsWith("SCAN")) expect(step).toBe("SCAN d USING INDEX sessions_last_at_last_seq_idx");
    }
    expect(steps.some((s) => s.includes("(session_id=?)") && s.startsWith("SEARCH s"))).toBe(true);
  });

  it("drives a filtered list from the filter's own index", async () => {
    expect((await plan({ project: "p" }))[0]).toBe("SEARCH d USING INDEX session_projects_project_last_at_last_seq_idx (project=?)");
    expect((await plan({ client: "c" }))[0]).toBe("SEARCH d USING INDEX session_clients_client_last_at_last_seq_idx (client=?)");
    expect((await plan({ since: 1 }))[0]).toBe("SEARCH d USING INDEX sessions_last_at_last_seq_idx (last_at>?)");
    // With project and client, the client's primary-key seek comes before any look at the turns.
    const both = await plan({ project: "p", client: "c" });
    const clientSeek = both.findIndex((s) => s.startsWith("SEARCH dc USING COVERING INDEX sqlite_autoindex_session_clients_1"));
    const turnsLook = both.findIndex((s) => s.startsWith("SEARCH i EXISTS"));
    expect(clientSeek).toBeGreaterThan(0);
    expect(clientSeek).toBeLessThan(turnsLook);
    expect((await plan({ project: "p", since: 1 })).join("\n")).toMatch(
      /SEARCH i EXISTS USING (COVERING )?INDEX interactions_session_id_created_at_seq_idx \(session_id=\? AND created_at>\?\)/,
    );
  });
});
