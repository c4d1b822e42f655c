import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";

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

/** Writes a row with a chosen time straight into the e2e server's database (the API stamps "now"). */
export function insertAt(createdAt: number, row: Capture): string {
  const db = new Database(process.env.E2E_DB_FILE!, { fileMustExist: true, timeout: 5000 });
  try {
    const id = randomUUID();
    db.prepare(
      `INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
         memories_used, chunks_used, context_pack, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      row.prompt,
      row.response ?? "",
      row.response_summary ?? "",
      row.project ?? "",
      row.client ?? "",
      row.session_id ?? "",
      JSON.stringify(row.memories_used ?? []),
      JSON.stringify(row.chunks_used ?? []),
      JSON.stringify(row.context_pack ?? {}),
      createdAt,
    );
    return id;
  } finally {
    db.close();
  }
}
