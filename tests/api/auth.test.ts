import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { Prisma } from "@/lib/generated/prisma/client";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { rowsMentioning, withDb } from "../helpers/db";
import { tokenFor } from "../helpers/auth";

// Access control over HTTP on the shared server: 401 without a valid token, 403 without
// the scope, nothing stored either way; the viewer's cookie works for reads and for
// same-origin writes only.
const token = (scopes: ("capture" | "read" | "admin")[]) => tokenFor(inject("databaseUrl"), scopes, uid("token"));

describe("API tokens", () => {
  it("answers 401 without a token, with an unknown one or a malformed header, and stores nothing", async () => {
    const marker = uid("anon");
    await expectError(await postJson("/api/interactions", { prompt: marker }, { auth: false }), 401, "unauthorized");
    await expectError(await postJson("/api/interactions", { prompt: marker }, { auth: "ato_not-a-real-token" }), 401, "unauthorized");
    await expectError(
      await postJson("/api/interactions", { prompt: marker }, { headers: { authorization: "Basic abc" } }),
      401,
      "unauthorized",
    );
    await expectError(await apiFetch("/api/interactions", { auth: false }), 401, "unauthorized");
    await expectError(await apiFetch(`/api/interactions/${crypto.randomUUID()}`, { auth: false }), 401, "unauthorized");
    expect(await rowsMentioning(marker)).toBe(0);
  });

  it("answers 403 for a token without the route's scope, and stores nothing", async () => {
    const marker = uid("scope");
    const reader = await token(["read"]);
    const writer = await token(["capture"]);
    await expectError(await postJson("/api/interactions", { prompt: marker }, { auth: reader }), 403, "forbidden");
    await expectError(await apiFetch("/api/interactions", { auth: writer }), 403, "forbidden");
    expect(await rowsMentioning(marker)).toBe(0);
    expect((await postJson("/api/interactions", { prompt: marker }, { auth: writer })).status).toBe(201);
    expect((await apiFetch("/api/interactions", { auth: reader })).status).toBe(200);
    expect(await rowsMentioning(marker)).toBe(1);
  });

  it("refuses a revoked token from the next request on, and records when a token was last used", async () => {
    const name = uid("revoke");
    const t = await tokenFor(inject("databaseUrl"), ["read"], name);
    expect((await apiFetch("/api/interactions?limit=1", { auth: t })).status).toBe(200);
    const row = await withDb((db) => db.get<{ token_hash: string; last_used_at: number | null }>(Prisma.sql`SELECT token_hash, last_used_at FROM api_tokens WHERE name = ${name}`));
    expect(row!.last_used_at).toBeGreaterThan(Date.now() - 60_000);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toContain(t);
    // Revoked behind the server's back (as the token CLI does): the server holds no cache.
    expect(await withDb((db) => db.run(Prisma.sql`UPDATE api_tokens SET revoked_at = ${new Date()} WHERE name = ${name}`))).toBe(1);
    await expectError(await apiFetch("/api/interactions?limit=1", { auth: t }), 401, "unauthorized");
  });

  it("keeps /api/health open", async () => {
    expect((await apiFetch("/api/health", { auth: false })).status).toBe(200);
  });
});

describe("the viewer's cookie on API routes", () => {
  const withCookie = (t: string, extra: Record<string, string> = {}) => ({
    auth: false as const,
    headers: { cookie: `${SESSION_COOKIE}=${t}`, ...extra },
  });

  it("authenticates reads", async () => {
    const { status } = await getJson("/api/interactions?limit=1", withCookie(await token(["read"])));
    expect(status).toBe(200);
  });

  it("refuses a cookie-authenticated write without a same-site Origin (CSRF), and accepts one with it", async () => {
    const t = await token(["read", "capture"]);
    const marker = uid("csrf");
    const base = new URL(inject("baseUrl"));
    await expectError(await postJson("/api/interactions", { prompt: marker }, withCookie(t)), 403, "forbidden");
    await expectError(
      await postJson("/api/interactions", { prompt: marker }, withCookie(t, { origin: "https://evil.example" })),
      403,
      "forbidden",
    );
    expect(await rowsMentioning(marker)).toBe(0);
    const ok = await postJson("/api/interactions", { prompt: marker }, withCookie(t, { origin: base.origin }));
    expect(ok.status).toBe(201);
  });
});

describe("query limits", () => {
  it("refuses an over-long query string, an over-long or foreign cursor and a non-integer limit with 400", async () => {
    await expectError(await apiFetch(`/api/interactions?project=${"p".repeat(5000)}`), 400, "validation_failed");
    await expectError(await apiFetch(`/api/interactions?cursor=${"A".repeat(65)}`), 400, "validation_failed");
    await expectError(await apiFetch("/api/interactions?cursor=bm90LWEtY3Vyc29y"), 400, "validation_failed");
    await expectError(await apiFetch("/api/interactions?limit=1e3"), 400, "validation_failed");
    const huge = await getJson("/api/interactions?limit=99999999999999999999999");
    expect(huge.status).toBe(200);
    expect((huge.body as { interactions: unknown[] }).interactions.length).toBeLessThanOrEqual(500);
  });
});

describe("token management API", () => {
  it("lets an admin token create, list and revoke tokens; the token is shown only at creation", async () => {
    const name = uid("api-made");
    const created = await postJson("/api/tokens", { name, scopes: ["read"] });
    expect(created.status).toBe(201);
    const { id, token: made } = (await created.json()) as { id: string; token: string };
    expect((await apiFetch("/api/interactions?limit=1", { auth: made })).status).toBe(200);

    const list = await getJson("/api/tokens");
    const listed = (list.body as { tokens: Record<string, unknown>[] }).tokens.find((t) => t.id === id);
    expect(listed).toMatchObject({ name, scopes: ["read"], revoked_at: null });
    expect(JSON.stringify(list.body)).not.toContain(made);
    expect(Object.keys(listed!)).not.toContain("token_hash");

    expect((await apiFetch(`/api/tokens/${id}`, { method: "DELETE" })).status).toBe(200);
    await expectError(await apiFetch("/api/interactions?limit=1", { auth: made }), 401, "unauthorized");
    await expectError(await apiFetch(`/api/tokens/${id}`, { method: "DELETE" }), 404, "not_found");
  });

  it("refuses token management without the admin scope, and bad bodies with 400", async () => {
    const reader = await token(["read", "capture"]);
    await expectError(await apiFetch("/api/tokens", { auth: reader }), 403, "forbidden");
    await expectError(await postJson("/api/tokens", { name: "x", scopes: ["read"] }, { auth: reader }), 403, "forbidden");
    await expectError(await postJson("/api/tokens", { name: "x", scopes: ["root"] }), 400, "validation_failed");
    await expectError(await postJson("/api/tokens", { name: " ", scopes: [] }), 400, "validation_failed");
  });
});
