import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { databaseKindOf } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";

// Seeding helpers for the browser tests. Every test uses its own random values (other test
// files share the server's database), and filters the pages on them.

export function uid(prefix = "e2e"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export type Capture = {
  prompt: string;
  response?: string;
  response_summary?: string;
  project?: string;
  client?: string;
  session_id?: string;
  memories_used?: string[];
  chunks_used?: string[];
  context_pack?: Record<string, unknown>;
};

/** Records interactions through the API, in order, and returns their ids. */
export async function capture(request: APIRequestContext, ...bodies: Capture[]): Promise<string[]> {
  const ids: string[] = [];
  for (const body of bodies) {
    const res = await request.post("/api/interactions", { data: body });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * Writes a row with a chosen time straight into the e2e server's database (the API stamps
 * "now"), on either database: one statement, `?` placeholders for SQLite and `$n` for
 * PostgreSQL; PostgreSQL takes the time as a timestamptz and the JSON text as jsonb.
 */
export async function insertAt(createdAt: number, row: Capture): Promise<string> {
  const id = randomUUID();
  const url = process.env.E2E_DATABASE_URL!;
  const postgres = databaseKindOf(url) === "postgres";
  const insert = Prisma.sql`INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
      memories_used, chunks_used, context_pack, created_at)
    VALUES (${id}, ${row.prompt}, ${row.response ?? ""}, ${row.response_summary ?? ""}, ${row.project ?? ""},
      ${row.client ?? ""}, ${row.session_id ?? ""}, ${JSON.stringify(row.memories_used ?? [])},
      ${JSON.stringify(row.chunks_used ?? [])}, ${JSON.stringify(row.context_pack ?? {})},
      ${postgres ? new Date(createdAt) : createdAt})`;
  if (postgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(insert.text, insert.values);
    } finally {
      await client.end();
    }
  } else {
    const db = new Database(url.slice("file:".length), { fileMustExist: true, timeout: 5000 });
    try {
      db.prepare(insert.sql).run(...insert.values);
    } finally {
      db.close();
    }
  }
  return id;
}

/** A token with these scopes, made through the API with the run's admin token (either database). */
export async function tokenWith(scopes: string[]): Promise<string> {
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.E2E_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `e2e ${scopes.join(",")}`, scopes }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Where a screenshot goes: tests/output/, or tests/output/postgres/ on the PostgreSQL pass. */
export function shotPath(file: string): string {
  return path.join(process.env.E2E_OUTPUT_DIR ?? "tests/output", file);
}
