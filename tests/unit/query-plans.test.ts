import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { listQueryCombinations, listQueryPlans, planProblems, type QueryPlan } from "../../bench/query-plans";
import { seedInteractions, type SeedInfo } from "../../bench/seed";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";
import { neighbourTurnSql, turnAtOffsetSql, turnCountSql, turnRowsSql } from "@/lib/db/sql/turn-order-sql";

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

// A session's turns are read in the order they happened, COALESCE(occurred_at, created_at), seq
// (lib/db/sql/turn-order-sql.ts): each read walks interactions_session_id_turn_at_seq_idx, never
// sorts, at 1,200 turns of which every third arrived an hour after it happened.
describe("session turn query plans", () => {
  const session = "long-turns";
  const here = { createdAt: Date.UTC(2026, 5, 1, 12), seq: 600 };
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(file);
    const insert = db.prepare(
      "INSERT INTO interactions (id, prompt, session_id, created_at, occurred_at) VALUES (?, ?, ?, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 1200; i++) {
        const at = Date.UTC(2026, 5, 1) + i * 60_000;
        insert.run(`turn-${i}`, `prompt ${i}`, session, i % 3 === 0 ? at + 3_600_000 : at, i % 3 === 0 ? at : null);
      }
    })();
    db.exec("ANALYZE");
  });

  const reads = {
    window: turnRowsSql(session, undefined, 8, "sqlite"),
    "window after a turn": turnRowsSql(session, here, 8, "sqlite"),
    "turn N's bound": turnAtOffsetSql(session, 998, "sqlite"),
    "turn number": turnCountSql(session, here, "sqlite"),
    "previous turn": neighbourTurnSql(session, here, "before", "sqlite"),
    "next turn": neighbourTurnSql(session, here, "after", "sqlite"),
  };
  it.each(Object.entries(reads))("%s: a walk of the session's turn-order index", (_name, sql) => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.values) as { detail: string }[]).map((r) => r.detail);
    expect({ plan, problems: planProblems(plan) }).toEqual({ plan, problems: [] });
    expect(plan.join("\n")).toMatch(/USING (COVERING )?INDEX interactions_session_id_turn_at_seq_idx \(session_id=\?/);
  });
});
