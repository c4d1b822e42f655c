import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { expect, inject } from "vitest";
import { withAuth, type AuthOption } from "./auth";
import { ErrorBodySchema } from "./schemas";

export const baseUrl = () => inject("baseUrl");

export function uid(prefix = "t"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export type ApiInit = RequestInit & AuthOption;

/**
 * Every API test request goes through here, so that what every request needs (the server's
 * address and a token with every scope) is added in one place. Opt out of the token with
 * `{ auth: false }`, or send another with `{ auth: token }` (see tests/helpers/auth.ts).
 */
export async function apiFetch(path: string, { auth, ...init }: ApiInit = {}): Promise<Response> {
  return fetch(`${baseUrl()}${path}`, { ...init, headers: withAuth(init.headers, auth ?? inject("token")) });
}

export async function postJson(path: string, body: unknown, init: ApiInit = {}): Promise<Response> {
  return apiFetch(path, {
    method: "POST",
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function getJson(path: string, init: ApiInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await apiFetch(path, init);
  return { status: res.status, body: await res.json() };
}

/** Asserts a response is the JSON error envelope with this status and code; returns the body. */
export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = ErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body;
}

/** Reads the server's database file directly (read-only), to check what was stored. */
export function withDb<T>(fn: (db: Database.Database) => T, file = inject("dbFile")): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** How many stored interactions carry this marker in any text field. */
export function rowsMentioning(marker: string): number {
  return withDb((db) => {
    const like = `%${marker}%`;
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM interactions
         WHERE prompt LIKE ? OR response LIKE ? OR project LIKE ? OR client LIKE ? OR session_id LIKE ? OR context_pack LIKE ?`,
      )
      .get(like, like, like, like, like, like) as { n: number };
    return row.n;
  });
}

export type DirectRow = {
  id?: string;
  prompt?: string;
  response?: string;
  response_summary?: string;
  project?: string;
  client?: string;
  session_id?: string;
  memories_used?: string;
  chunks_used?: string;
  context_pack?: string;
  created_at: number;
};

/** Writes rows straight into the server's database, as another tool would. */
export function insertDirect(rows: DirectRow[], file = inject("dbFile")): string[] {
  const db = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    const insert = db.prepare(
      `INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
         memories_used, chunks_used, context_pack, created_at)
       VALUES (@id, @prompt, @response, @response_summary, @project, @client, @session_id,
         @memories_used, @chunks_used, @context_pack, @created_at)`,
    );
    const ids: string[] = [];
    db.transaction(() => {
      for (const r of rows) {
        const id = r.id ?? randomUUID();
        insert.run({
          prompt: "p",
          response: "",
          response_summary: "",
          project: "",
          client: "",
          session_id: "",
          memories_used: "[]",
          chunks_used: "[]",
          context_pack: "{}",
          ...r,
          id,
        });
        ids.push(id);
      }
    })();
    return ids;
  } finally {
    db.close();
  }
}
