import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listQueryCombinations } from "../../bench/query-plans";
import { explainPostgres, listQueryPlansPostgres, planLines, postgresPlanProblems, type PgPlanNode } from "../../bench/query-plans-postgres";
import type { ListQuery } from "@/lib/interactions/schema";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseSearch } from "@/lib/search/fts-query";
import { searchCondition } from "@/lib/db/sql/search-sql";
import { sessionListSql } from "@/lib/db/sql/session-list-sql";
import { neighbourTurnSql, turnAtOffsetSql, turnCountSql, turnRowsSql } from "@/lib/db/sql/turn-order-sql";
import { itemInteractionsSql } from "@/lib/usage/find-item-interactions";
import { migratedPostgres, type MigratedPostgres } from "../helpers/sql-rows";
import { testDatabaseKind } from "../helpers/test-database";

// The twin of query-plans.test.ts and tests/api/sessions-query-plan.test.ts on PostgreSQL:
// every list query, every session list query and the reverse lookup, as the API builds them,
// read through an index, never scan a table, and sort nothing beyond a few pages' worth of
// rows; the broad ones (where a sort would cost the table, not the page) never sort at all.
// On a seeded, VACUUMed and ANALYZEd database. Speed itself is measured by `npm run bench`,
// never here.
const onPostgres = testDatabaseKind() === "postgres";
let postgres: MigratedPostgres | undefined;
const client = () => postgres!.client;

const ROWS = 40_000;
const SESSIONS = 4_000;
const NEWEST = Date.UTC(2026, 10, 25);
const seed = { project: "proj-3", client: "client-2", session: "sess-123", newest: NEWEST };

// 40,000 turns every 2 minutes (56 days) in 4,000 sessions, each session with one project of
// 20 and one client of 5, each turn using one memory of 500, written in time order so that seq
// follows created_at as in production. The session summaries are computed in one pass instead
// of by their trigger (row by row it costs most of the seeding time); they are what the
// trigger keeps (tests/unit/sessions-triggers.test.ts). 46,000 older sessions are added to the
// summaries alone, so that those tables have the size they have at a million captures.
const SEED = [
  "ALTER TABLE interactions DISABLE TRIGGER interactions_sessions_insert",
  `INSERT INTO interactions (id, prompt, response, project, client, session_id, memories_used, created_at)
   SELECT 'row-' || g, 'prompt about topic ' || (g % 97), 'answer ' || (g % 89),
          'proj-' || (x.s % 20), 'client-' || (x.s % 5), 'sess-' || x.s, jsonb_build_array('mem-' || (g % 500)),
          $1::timestamptz - ($2 - g) * interval '2 minutes'
   FROM generate_series(1, $2::integer) AS g, LATERAL (SELECT abs(hashint4(g)) % $3 AS s) AS x`,
  // A session of 1,200 turns, every third of which arrived an hour after it happened.
  `INSERT INTO interactions (id, prompt, session_id, memories_used, created_at, occurred_at)
   SELECT 'long-' || g, 'prompt ' || g, 'long-turns', jsonb_build_array('mem-' || (g % 500)),
          $1::timestamptz - (1200 - g) * interval '1 minute' + CASE WHEN g % 3 = 0 THEN interval '1 hour' ELSE interval '0' END,
          CASE WHEN g % 3 = 0 THEN $1::timestamptz - (1200 - g) * interval '1 minute' END
   FROM generate_series(1, 1200) AS g`,
  "ALTER TABLE interactions ENABLE TRIGGER interactions_sessions_insert",
  `INSERT INTO sessions (session_id, turns, first_at, last_at, last_seq)
   SELECT session_id, count(*), min(created_at), max(created_at), max(seq) FROM interactions GROUP BY session_id`,
  `INSERT INTO session_projects (session_id, project, last_at, last_seq)
   SELECT DISTINCT i.session_id, i.project, s.last_at, s.last_seq FROM interactions i JOIN sessions s USING (session_id)`,
  `INSERT INTO session_clients (session_id, client, last_at, last_seq)
   SELECT DISTINCT i.session_id, i.client, s.last_at, s.last_seq FROM interactions i JOIN sessions s USING (session_id)`,
  `INSERT INTO sessions (session_id, turns, first_at, last_at, last_seq)
   SELECT 'old-' || g, 20, $1::timestamptz - interval '200 days' + g * interval '3 minutes',
          $1::timestamptz - interval '200 days' + g * interval '3 minutes' + interval '1 hour', 0
   FROM generate_series(1, 46000) AS g`,
  `INSERT INTO session_projects (session_id, project, last_at, last_seq)
   SELECT session_id, 'proj-' || (abs(hashtext(session_id)) % 20), last_at, last_seq FROM sessions WHERE session_id LIKE 'old-%'`,
  `INSERT INTO session_clients (session_id, client, last_at, last_seq)
   SELECT session_id, 'client-' || (abs(hashtext(session_id)) % 5), last_at, last_seq FROM sessions WHERE session_id LIKE 'old-%'`,
  `INSERT INTO interaction_uses (interaction_seq, kind, item_id, created_at)
   SELECT seq, 'memory', memories_used->>0, created_at FROM interactions`,
  // VACUUM also moves the GIN index's pending entries into the index, as autovacuum does.
  "VACUUM ANALYZE",
];

beforeAll(async () => {
  if (!onPostgres) return;
  postgres = await migratedPostgres("plans");
  for (const statement of SEED) {
    const params = [new Date(NEWEST), ROWS, SESSIONS].slice(0, statement.includes("$3") ? 3 : statement.includes("$1") ? 1 : 0);
    await client().query(statement, params);
  }
}, 120_000);
afterAll(() => postgres?.close());

// A broad query (no filter, one filter, a deep page) must never sort: its matches are many.
function expectGoodPlan(name: string, plan: PgPlanNode, broad = false) {
  expect({ name, problems: postgresPlanProblems(plan, broad ? 0 : undefined), plan: planLines(plan) }).toMatchObject({ name, problems: [] });
}
const BROAD = new Set(["none", "since", "until", "cursor", "project", "client", "project+client", "project+cursor", "client+cursor", "no filter", "deep page"]);

describe.runIf(onPostgres)("query plans on PostgreSQL", () => {
  it("reads every list filter combination through an index in list order", async () => {
    const plans = await listQueryPlansPostgres(postgres!.url, listQueryCombinations(seed));
    expect(plans.length).toBeGreaterThan(30);
    for (const p of plans) expectGoodPlan(p.name, p.plan, BROAD.has(p.name));
    // Which index serves a filter is the planner's choice by its statistics (a common project
    // may be read along the time index, whose order is the table's); the order always comes
    // from an index.
    const none = plans.find((p) => p.name === "none")!.plan;
    expect(planLines(none).join("\n")).toMatch(/Index Scan Backward interactions_created_at_seq_idx/);
  }, 30_000);

  const cursor = { createdAt: NEWEST - 86_400_000, seq: 15_000 };
  const since = NEWEST - 7 * 86_400_000;
  const search = parseSearch("42");
  if (!search.ok) throw new Error(search.message);
  const sessionCases: Record<string, Partial<ListQuery>> = {
    "no filter": {},
    project: { project: seed.project },
    client: { client: seed.client },
    "project + client": { project: seed.project, client: seed.client },
    session: { session_id: seed.session },
    since: { since },
    until: { until: NEWEST - 30 * 86_400_000 },
    "project + client + since + cursor": { project: seed.project, client: seed.client, since, cursor },
    "deep page": { cursor },
    "newer page": { after: cursor },
    "project, newer page": { project: seed.project, after: cursor },
  };

  it.each(Object.entries(sessionCases))("session list, %s: index access in list order", async (name, q) => {
    const plan = await explainPostgres(client(), sessionListSql({ limit: 50, ...q }, "postgres"));
    expectGoodPlan(name, plan, BROAD.has(name));
  });

  it("drives a filtered session list from the filter's own index", async () => {
    const lines = async (q: Partial<ListQuery>) => planLines(await explainPostgres(client(), sessionListSql({ limit: 50, ...q }, "postgres"))).join("\n");
    expect(await lines({ project: seed.project })).toMatch(/session_projects_project_last_at_last_seq_idx/);
    expect(await lines({ client: seed.client })).toMatch(/session_clients_client_last_at_last_seq_idx/);
    expect(await lines({})).toMatch(/Index Scan Backward sessions_last_at_last_seq_idx/);
  });

  const itemCases: Record<string, Partial<ListQuery>> = {
    "no filter": {},
    "deep page": { cursor },
    since: { since },
    project: { project: seed.project },
    "session + since": { session_id: seed.session, since },
  };

  it.each(Object.entries(itemCases))("reverse lookup, %s: the uses index in list order", async (name, q) => {
    const plan = await explainPostgres(client(), itemInteractionsSql("memory", "mem-7", { limit: 50, ...q }, "postgres"));
    expectGoodPlan(name, plan, BROAD.has(name));
    expect(planLines(plan).join("\n")).toMatch(/Index (Only )?Scan Backward interaction_uses_kind_item_id_created_at_interaction_seq_idx/);
  });

  it("finds search matches through the GIN index", async () => {
    const plan = await explainPostgres(client(), Prisma.sql`SELECT count(*) FROM interactions j WHERE ${searchCondition("j", search.value, "postgres")}`);
    expect(planLines(plan).join("\n")).toMatch(/Bitmap Index Scan interactions_search_document_idx/);
  });

  // A session's turns in the order they happened (lib/db/sql/turn-order-sql.ts): every read
  // walks the session's turn-order index and sorts nothing.
  const here = { createdAt: NEWEST - 600 * 60_000, seq: 40_600 };
  const turnReads = {
    window: turnRowsSql("long-turns", undefined, 8, "postgres"),
    "window after a turn": turnRowsSql("long-turns", here, 8, "postgres"),
    "turn N's bound": turnAtOffsetSql("long-turns", 998, "postgres"),
    "turn number": turnCountSql("long-turns", here, "postgres"),
    "previous turn": neighbourTurnSql("long-turns", here, "before", "postgres"),
    "next turn": neighbourTurnSql("long-turns", here, "after", "postgres"),
  };
  it.each(Object.entries(turnReads))("session turns, %s: the turn-order index, no sort", async (name, sql) => {
    const plan = await explainPostgres(client(), sql);
    expectGoodPlan(name, plan);
    expect(planLines(plan).join("\n")).toMatch(/Index (Only )?Scan( Backward)? interactions_session_id_turn_at_seq_idx/);
  });
});
