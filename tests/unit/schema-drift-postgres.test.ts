import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { Prisma as SqlitePrisma } from "@/lib/generated/prisma/client";
import { Prisma, PrismaClient } from "@/lib/generated/prisma-pg/client";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// The PostgreSQL twin of schema-drift.test.ts: prisma/postgres/migrations and
// prisma/postgres/schema.prisma describe the same database, and both Prisma schemas have the
// same models and fields (the application is written once, against either client).
// Runs in npm test's PostgreSQL pass (TEST_DATABASE=postgres), like every PostgreSQL test.
const onPostgres = testDatabaseKind() === "postgres";
let database: TestDatabase;
let pool: pg.Pool;
let prisma: PrismaClient;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase("drift", "postgres");
  await migratePostgres(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await database?.drop();
});

const MODELS = {
  interactions: [Prisma.InteractionScalarFieldEnum, SqlitePrisma.InteractionScalarFieldEnum],
  interaction_uses: [Prisma.InteractionUseScalarFieldEnum, SqlitePrisma.InteractionUseScalarFieldEnum],
  api_tokens: [Prisma.ApiTokenScalarFieldEnum, SqlitePrisma.ApiTokenScalarFieldEnum],
  sessions: [Prisma.SessionScalarFieldEnum, SqlitePrisma.SessionScalarFieldEnum],
  session_projects: [Prisma.SessionProjectScalarFieldEnum, SqlitePrisma.SessionProjectScalarFieldEnum],
  session_clients: [Prisma.SessionClientScalarFieldEnum, SqlitePrisma.SessionClientScalarFieldEnum],
  audit_chain: [Prisma.AuditChainRecordScalarFieldEnum, SqlitePrisma.AuditChainRecordScalarFieldEnum],
} as const;

async function columns(table: string): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ column_name: string; data_type: string }>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
}

describe.runIf(onPostgres)("schema drift (PostgreSQL)", () => {
  it("has exactly the columns of each Prisma model, the same as on SQLite", async () => {
    for (const [table, [pgFields, sqliteFields]] of Object.entries(MODELS)) {
      const names = Object.keys(await columns(table));
      expect(new Set(names), table).toEqual(new Set(Object.values(pgFields)));
      expect(new Set(Object.values(pgFields)), table).toEqual(new Set(Object.values(sqliteFields)));
    }
  });

  it("stores JSON as jsonb and every time as timestamptz", async () => {
    const types = await columns("interactions");
    for (const c of ["memories_used", "chunks_used", "context_pack"]) expect(types[c], c).toBe("jsonb");
    for (const c of ["created_at", "response_added_at"]) expect(types[c], c).toBe("timestamp with time zone");
    for (const table of Object.keys(MODELS)) {
      const timeColumns = Object.entries(await columns(table)).filter(([name]) => /_at$/.test(name));
      for (const [name, type] of timeColumns) expect(type, `${table}.${name}`).toBe("timestamp with time zone");
    }
  });

  it("round-trips every field of every model through the Prisma client", async () => {
    const createdAt = new Date(Date.UTC(2026, 10, 25, 14, 3, 7, 123));
    const data = {
      id: randomUUID(),
      prompt: "p\nq",
      response: "r",
      response_summary: "s",
      project: "proj",
      client: "manual",
      session_id: "sess",
      memories_used: ["m1", "m1"],
      chunks_used: ["c1"],
      context_pack: { b: [1, { c: null }], a: "x" },
      created_at: createdAt,
      response_added_at: new Date(createdAt.getTime() + 3200),
      occurred_at: new Date(createdAt.getTime() - 7_200_000),
    };
    const created = await prisma.interaction.create({ data });
    expect(await prisma.interaction.findUniqueOrThrow({ where: { id: data.id } })).toEqual({ ...data, seq: created.seq });
    const use = { interaction_seq: created.seq, kind: "memory", item_id: "m1", created_at: createdAt };
    await prisma.interactionUse.create({ data: use });
    expect(await prisma.interactionUse.findMany({ where: { interaction_seq: created.seq } })).toEqual([use]);
    const link = {
      kind: "capture",
      interaction_id: data.id,
      fields: "response",
      content_hash: "a".repeat(64),
      prev_hash: "0".repeat(64),
      hash: "b".repeat(64),
      created_at: createdAt,
    };
    const stored = await prisma.auditChainRecord.create({ data: link });
    expect(await prisma.auditChainRecord.findUniqueOrThrow({ where: { seq: stored.seq } })).toEqual({ ...link, seq: stored.seq });
    // The session summaries are written by the triggers and read through their models.
    const order = { last_at: createdAt, last_seq: created.seq };
    expect(await prisma.session.findUniqueOrThrow({ where: { session_id: "sess" } })).toEqual({
      session_id: "sess",
      turns: 1,
      first_at: createdAt,
      ...order,
    });
    expect(await prisma.sessionProject.findMany({ where: { session_id: "sess" } })).toEqual([{ session_id: "sess", project: "proj", ...order }]);
    expect(await prisma.sessionClient.findMany({ where: { session_id: "sess" } })).toEqual([{ session_id: "sess", client: "manual", ...order }]);
  });

  it("round-trips every field of an API token", async () => {
    const at = new Date(Date.UTC(2026, 10, 25, 15, 0, 0, 1));
    const data = { id: randomUUID(), name: "n", token_hash: "h".repeat(64), scopes: "read", created_at: at, last_used_at: at, revoked_at: null };
    await prisma.apiToken.create({ data });
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: data.id } })).toEqual(data);
  });
});
