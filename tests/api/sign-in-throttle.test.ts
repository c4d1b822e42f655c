import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonPost } from "../helpers/api";
import { startServer, type RunningServer } from "../helpers/server";

// Failed sign-ins per client address (OWASP ASVS 2.2.1), on servers of their own: a limit of
// 3 a minute, one of them behind a (trusted) reverse proxy.
let direct: RunningServer;
let proxied: RunningServer;

beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    startServer({ env: { AUTH_FAILURES_PER_MINUTE: "3" } }),
    startServer({ env: { AUTH_FAILURES_PER_MINUTE: "3", TRUST_PROXY: "1" } }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

const badToken = (server: RunningServer, headers: Record<string, string> = {}) =>
  server.fetch("/api/interactions?limit=1", { auth: "ato_not-a-real-token", headers });

describe("bad tokens from one address", () => {
  it("are 401 up to the limit, then 429 with Retry-After, while a valid token goes through at once", async () => {
    // Without TRUST_PROXY the address is the socket's: a forged X-Forwarded-For changes nothing.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await badToken(direct, { "x-forwarded-for": `10.0.0.${i}` })).status);
    expect(statuses).toEqual([401, 401, 401]);

    const throttled = await badToken(direct, { "x-forwarded-for": "10.9.9.9", "x-atocore-peer-address": "10.9.9.9" });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await throttled.json()).error).toMatchObject({ code: "too_many_requests" });

    // A valid token from the same address is never slowed: read and capture both answer.
    expect((await direct.fetch("/api/interactions?limit=1")).status).toBe(200);
    expect((await direct.fetch("/api/interactions", jsonPost({ prompt: "still welcome" }))).status).toBe(201);
    // A malformed Authorization header is a bad token too.
    expect((await direct.fetch("/api/interactions?limit=1", { headers: { authorization: "Basic eDp5" } })).status).toBe(429);
    // Sending no token at all is not a failed attempt: 401, as before.
    expect((await direct.fetch("/api/interactions?limit=1", { auth: false })).status).toBe(401);
  });

  it("behind a trusted proxy are counted per X-Forwarded-For client (its last entry)", async () => {
    for (let i = 0; i < 3; i++) expect((await badToken(proxied, { "x-forwarded-for": "203.0.113.7" })).status).toBe(401);
    expect((await badToken(proxied, { "x-forwarded-for": "203.0.113.7" })).status).toBe(429);
    // The client's own entries before the proxy's do not make it someone else.
    expect((await badToken(proxied, { "x-forwarded-for": "198.51.100.1, 203.0.113.7" })).status).toBe(429);
    // Another client behind the same proxy is not held back.
    expect((await badToken(proxied, { "x-forwarded-for": "203.0.113.8" })).status).toBe(401);
  });
});
