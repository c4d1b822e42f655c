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

/** A POST of `body` as JSON (a string is sent as it is), for apiFetch or a server's own fetch. */
export function jsonPost<I extends RequestInit>(body: unknown, init: I = {} as I): I {
  return {
    method: "POST",
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

export async function postJson(path: string, body: unknown, init: ApiInit = {}): Promise<Response> {
  return apiFetch(path, jsonPost(body, init));
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
