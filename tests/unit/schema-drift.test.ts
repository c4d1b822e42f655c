import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { sqlitePrisma } from "../helpers/prisma";
import { tempDbFile } from "../helpers/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The hand-written migrations and prisma/schema.prisma must describe the same database:
// every column of every model exists with the type Prisma expects, and every field
// round-trips through the Prisma client on a database built only from the migrations.
let prisma: PrismaClient;
let file: string;

beforeAll(() => {
  file = tempDbFile("drift");
  migrateSqlite(file);
  prisma = sqlitePrisma(file);
});
afterAll(async () => {
  await prisma?.$disconnect();
});

describe("schema drift", () => {
  it("has exactly the columns of each Prisma model", async () => {
    const { Prisma } = await import("@/lib/generated/prisma/client");
    const db = new Database(file, { readonly: true });
    const columns = (table: string) => db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
    expect(new Set(columns("interactions"))).toEqual(new Set(Object.values(Prisma.InteractionScalarFieldEnum)));
    expect(new Set(columns("interaction_uses"))).toEqual(new Set(Object.values(Prisma.InteractionUseScalarFieldEnum)));
    expect(new Set(columns("api_tokens"))).toEqual(new Set(Object.values(Prisma.ApiTokenScalarFieldEnum)));
    expect(new Set(columns("sessions"))).toEqual(new Set(Object.values(Prisma.SessionScalarFieldEnum)));
    expect(new Set(columns("session_projects"))).toEqual(new Set(Object.values(Prisma.SessionProjectScalarFieldEnum)));
    expect(new Set(columns("session_clients"))).toEqual(new Set(Object.values(Prisma.SessionClientScalarFieldEnum)));
    expect(new Set(columns("audit_chain"))).toEqual(new Set(Object.values(Prisma.AuditChainRecordScalarFieldEnum)));
    db.close();
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
      memories_used: '["m1"]',
      chunks_used: '["c1"]',
      context_pack: '{"a":1}',
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
      seq: 1,
      kind: "capture",
      interaction_id: data.id,
      fields: "response",
      content_hash: "a".repeat(64),
      prev_hash: "0".repeat(64),
      hash: "b".repeat(64),
      created_at: createdAt,
    };
    await prisma.auditChainRecord.create({ data: link });
    expect(await prisma.auditChainRecord.findUniqueOrThrow({ where: { seq: 1 } })).toEqual(link);
    // The session summaries are written by triggers and read through their models.
    const order = { last_at: createdAt, last_seq: created.seq };
    expect(await prisma.session.findUniqueOrThrow({ where: { session_id: "sess" } })).toEqual({
      session_id: "sess",
      turns: 1,
      first_at: createdAt,
      ...order,
    });
    expect(await prisma.sessionProject.findMany({ where: { session_id: "sess" } })).toEqual([
      { session_id: "sess", project: "proj", ...order },
    ]);
    expect(await prisma.sessionClient.findMany({ where: { session_id: "sess" } })).toEqual([
      { session_id: "sess", client: "manual", ...order },
    ]);
    // Timestamps are stored as epoch milliseconds, the form the write path and indexes use.
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT created_at FROM interactions WHERE id = ?").pluck().get(data.id)).toBe(createdAt.getTime());
    expect(db.prepare("SELECT response_added_at FROM interactions WHERE id = ?").pluck().get(data.id)).toBe(createdAt.getTime() + 3200);
    db.close();
  });

  it("round-trips every field of an API token", async () => {
    const at = new Date(Date.UTC(2026, 10, 25, 15, 0, 0, 1));
    const data = { id: randomUUID(), name: "n", token_hash: "h".repeat(64), scopes: "read", created_at: at, last_used_at: at, revoked_at: null };
    await prisma.apiToken.create({ data });
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: data.id } })).toEqual(data);
  });
});
