import { beforeAll, describe, expect, it } from "vitest";
import { listQueryCombinations, listQueryPlans, planProblems, type QueryPlan } from "../../bench/query-plans";
import { seedInteractions, type SeedInfo } from "../../bench/seed";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";

// Every list query, as the API really runs it (the page SQL findInteractions builds), reads through an index in the list's order: no temp B-tree sort and
// no full scan of interactions, whichever filters are combined. Speed itself is measured by
// `npm run bench`, never here.
let file: string;
let info: SeedInfo;

beforeAll(() => {
  file = tempDbFile("plans");
  migrateSqlite(file);
  info = seedInteractions(file, { rows: 3000, project: 20, days: 90, longSessionTurns: 100, bigPack: false, now: Date.now() });
}, 60_000);

const combinations = () => listQueryCombinations(info);

describe("list query plans", () => {
  let plans: QueryPlan[];
  beforeAll(() => {
    plans = listQueryPlans(file, combinations());
  });

  it("captures the SQL of every combination", () => {
    expect(new Set(plans.map((p) => p.name))).toEqual(new Set(Object.keys(combinations())));
    for (const p of plans) expect(p.sql).toMatch(/FROM `main`\.`interactions`|FROM interactions/);
  });

  it("uses an index, never a temp B-tree, never a full scan", () => {
    const bad = plans.map((p) => ({ name: p.name, plan: p.plan, problems: planProblems(p.plan) })).filter((p) => p.problems.length);
    expect(bad).toEqual([]);
  });

  it("recognises a bad plan", () => {
    expect(planProblems(["SCAN interactions", "USE TEMP B-TREE FOR ORDER BY"])).toEqual([
      "uses no index",
      "sorts in a temp B-tree",
      "scans the whole table",
    ]);
  });
});
