import Database from "better-sqlite3";
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrations";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";
import { migratedPostgres, type MigratedPostgres } from "../helpers/sql-rows";
import { testDatabaseKind } from "../helpers/test-database";

// The session summaries are kept by triggers: after any sequence of inserts (in or out of
// time order, with ties) and deletes, they equal a recomputation from the interactions.
let db: Database.Database;

beforeAll(() => {
  const file = tempDbFile("session-triggers");
  migrateSqlite(file);
  db = new Database(file);
});
afterAll(() => db?.close());

const RECOMPUTED_SESSIONS = `
  SELECT g.session_id, g.turns, g.first_at, n.created_at AS last_at, n.seq AS last_seq
  FROM (SELECT session_id, count(*) AS turns, min(created_at) AS first_at FROM interactions
        WHERE session_id <> '' GROUP BY session_id) AS g
  JOIN interactions AS n ON n.seq = (SELECT seq FROM interactions WHERE session_id = g.session_id
                                     ORDER BY created_at DESC, seq DESC LIMIT 1)
  ORDER BY g.session_id`;
const recomputedSeen = (column: "project" | "client") => `
  SELECT DISTINCT i.session_id, i.${column}, s.last_at, s.last_seq
  FROM interactions AS i JOIN (${RECOMPUTED_SESSIONS}) AS s ON s.session_id = i.session_id
  ORDER BY 1, 2`;

// "clear" deletes a whole session in one statement, "batch" inserts two rows in one (several
// rows: PostgreSQL runs the row triggers only after the whole statement, as batches write).
type Row = { session: string; project: string; client: string; at: number };
type Op =
  | ({ kind: "insert" } & Row)
  | { kind: "batch"; rows: [Row, Row] }
  | { kind: "delete"; pick: number }
  | { kind: "clear"; session: string };

const rowFields = {
  session: fc.constantFrom("", "a", "b", "c"),
  project: fc.constantFrom("", "p", "q"),
  client: fc.constantFrom("x", "y"),
  at: fc.integer({ min: 0, max: 20 }),
};
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), ...rowFields }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("batch" as const), rows: fc.tuple(fc.record(rowFields), fc.record(rowFields)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("clear" as const), session: fc.constantFrom("a", "b") }) },
);

describe("session summary triggers", () => {
  it("match a recomputation after any inserts and deletes", () => {
    const insert = db.prepare("INSERT INTO interactions (id, prompt, project, client, session_id, created_at) VALUES (?, 'p', ?, ?, ?, ?)");
    const seqs = db.prepare("SELECT seq FROM interactions ORDER BY seq").pluck();
    const remove = db.prepare("DELETE FROM interactions WHERE seq = ?");
    const clear = db.prepare("DELETE FROM interactions WHERE session_id = ?");
    const insertTwo = db.prepare(
      "INSERT INTO interactions (id, prompt, project, client, session_id, created_at) VALUES (?, 'p', ?, ?, ?, ?), (?, 'p', ?, ?, ?, ?)",
    );
    const all = (sql: string) => db.prepare(sql).all();
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        db.exec("DELETE FROM interactions");
        for (const o of ops) {
          if (o.kind === "insert") insert.run(randomUUID(), o.project, o.client, o.session, o.at);
          else if (o.kind === "clear") clear.run(o.session);
          else if (o.kind === "batch") insertTwo.run(...o.rows.flatMap((r) => [randomUUID(), r.project, r.client, r.session, r.at]));
          else {
            const existing = seqs.all() as number[];
            if (existing.length > 0) remove.run(existing[o.pick % existing.length]);
          }
        }
        expect(all("SELECT * FROM sessions ORDER BY session_id")).toEqual(all(RECOMPUTED_SESSIONS));
        expect(all("SELECT session_id, project, last_at, last_seq FROM session_projects ORDER BY 1, 2")).toEqual(all(recomputedSeen("project")));
        expect(all("SELECT session_id, client, last_at, last_seq FROM session_clients ORDER BY 1, 2")).toEqual(all(recomputedSeen("client")));
      }),
      { numRuns: 200 },
    );
  });

  it("are backfilled from the interactions stored before the migration", () => {
    const file = tempDbFile("session-backfill");
    const migrations = readMigrations();
    const before = migrations.filter((m) => m.name < "20261125130000");
    migrateSqlite(file, before);
    const old = new Database(file);
    const insert = old.prepare("INSERT INTO interactions (id, prompt, project, client, session_id, created_at) VALUES (?, 'p', ?, ?, ?, ?)");
    for (const [session, project, client, at] of [["a", "p", "x", 5], ["a", "q", "x", 9], ["a", "p", "y", 9], ["b", "p", "x", 1], ["", "p", "x", 7]] as const) {
      insert.run(randomUUID(), project, client, session, at);
    }
    old.close();
    migrateSqlite(file, migrations);
    const migrated = new Database(file, { readonly: true });
    const all = (sql: string) => migrated.prepare(sql).all();
    expect(all("SELECT * FROM sessions ORDER BY session_id")).toEqual([
      { session_id: "a", turns: 3, first_at: 5, last_at: 9, last_seq: 3 },
      { session_id: "b", turns: 1, first_at: 1, last_at: 1, last_seq: 4 },
    ]);
    expect(all("SELECT session_id, project, last_at, last_seq FROM session_projects ORDER BY 1, 2")).toEqual(all(recomputedSeen("project")));
    expect(all("SELECT session_id, client, last_at, last_seq FROM session_clients ORDER BY 1, 2")).toEqual(all(recomputedSeen("client")));
    migrated.close();
  });
});

// The same property for PostgreSQL's plpgsql triggers (prisma/postgres/migrations/*_init), with
// the same recomputation: the SQL above is the same on both databases.
const onPostgres = testDatabaseKind() === "postgres";
let postgres: MigratedPostgres | undefined;
const client = () => postgres!.client;

beforeAll(async () => {
  if (!onPostgres) return;
  postgres = await migratedPostgres("session_triggers");
}, 60_000);
afterAll(() => postgres?.close());

// Counts arrive as bigint text and times as Date from pg: compared as numbers.
const plain = (rows: Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : k === "turns" ? Number(v) : v])));

describe.runIf(onPostgres)("session summary triggers on PostgreSQL", () => {
  it("match a recomputation after any inserts and deletes", async () => {
    const all = async (sql: string) => plain((await client().query(sql)).rows);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        await client().query("DELETE FROM interactions");
        for (const o of ops) {
          if (o.kind === "insert") {
            await client().query(
              "INSERT INTO interactions (id, prompt, project, client, session_id, created_at) VALUES ($1, 'p', $2, $3, $4, $5)",
              [randomUUID(), o.project, o.client, o.session, new Date(o.at)],
            );
          } else if (o.kind === "batch") {
            await client().query(
              "INSERT INTO interactions (id, prompt, project, client, session_id, created_at) VALUES ($1, 'p', $2, $3, $4, $5), ($6, 'p', $7, $8, $9, $10)",
              o.rows.flatMap((r) => [randomUUID(), r.project, r.client, r.session, new Date(r.at)]),
            );
          } else if (o.kind === "clear") {
            await client().query("DELETE FROM interactions WHERE session_id = $1", [o.session]);
          } else {
            await client().query("DELETE FROM interactions WHERE seq = (SELECT seq FROM interactions ORDER BY seq OFFSET $1 % greatest(1, (SELECT count(*) FROM interactions)) LIMIT 1)", [o.pick]);
          }
        }
        expect(await all("SELECT * FROM sessions ORDER BY session_id")).toEqual(await all(RECOMPUTED_SESSIONS));
        expect(await all("SELECT session_id, project, last_at, last_seq FROM session_projects ORDER BY 1, 2")).toEqual(await all(recomputedSeen("project")));
        expect(await all("SELECT session_id, client, last_at, last_seq FROM session_clients ORDER BY 1, 2")).toEqual(await all(recomputedSeen("client")));
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
