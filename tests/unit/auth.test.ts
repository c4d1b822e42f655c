import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { credentialFrom, SESSION_COOKIE } from "@/lib/auth/credentials";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { parseScopes } from "@/lib/auth/scopes";
import { contentSecurityPolicy } from "@/lib/auth/security-headers";
import { hashToken, newTokenText } from "@/lib/auth/token-hash";
import { createToken } from "@/lib/auth/create-token";
import { listTokens } from "@/lib/auth/list-tokens";
import { revokeToken } from "@/lib/auth/revoke-token";
import { openConnection } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { createTestDatabase } from "../helpers/test-database";

describe("tokens", () => {
  it("are 256-bit random, prefixed, and stored as a SHA-256 hex digest", () => {
    const a = newTokenText();
    expect(a).toMatch(/^ato_[A-Za-z0-9_-]{43}$/);
    expect(newTokenText()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("take scopes from a comma-separated list and refuse unknown ones", () => {
    expect(parseScopes("capture, read,capture")).toEqual(["capture", "read"]);
    expect(() => parseScopes("root")).toThrow(/Scopes must be/);
    expect(() => parseScopes("")).toThrow(/Scopes must be/);
  });
});

describe("credentials", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("prefer the bearer header, fall back to the viewer's cookie, and treat a malformed header as wrong", () => {
    expect(credentialFrom(h({ authorization: "Bearer abc" }))).toEqual({ token: "abc", via: "bearer" });
    expect(credentialFrom(h({ cookie: `x=1; ${SESSION_COOKIE}=tok; y=2` }))).toEqual({ token: "tok", via: "cookie" });
    expect(credentialFrom(h({ authorization: "Basic abc", cookie: `${SESSION_COOKIE}=tok` }))).toEqual({ token: "", via: "bearer" });
    expect(credentialFrom(h({}))).toBeNull();
  });

  it("count as same-origin only with an Origin naming this host", () => {
    expect(isSameOrigin(h({ origin: "http://a.test:3000", host: "a.test:3000" }))).toBe(true);
    expect(isSameOrigin(h({ origin: "http://evil.test", host: "a.test:3000" }))).toBe(false);
    expect(isSameOrigin(h({ origin: "null", host: "a.test:3000" }))).toBe(false);
    expect(isSameOrigin(h({ host: "a.test:3000" }))).toBe(false);
  });

  it("set the viewer's cookie httpOnly and SameSite=Strict, Secure over HTTPS", () => {
    expect(sessionCookieOptions(h({}))).toMatchObject({ httpOnly: true, sameSite: "strict", secure: false, path: "/" });
    expect(sessionCookieOptions(h({ "x-forwarded-proto": "https" })).secure).toBe(true);
    expect(sessionCookieOptions(h({ "x-forwarded-proto": "https, http" })).secure).toBe(true);
    expect(sessionCookieOptions(h({ "x-forwarded-proto": "http" })).secure).toBe(false);
  });

  it("redirect after sign-in only to a path of this site", () => {
    expect(safeNextPath("/interactions?project=a")).toBe("/interactions?project=a");
    expect(safeNextPath("/sessions/s%201?turn=3#t3")).toBe("/sessions/s%201?turn=3#t3");
    for (const bad of ["//evil.test", "https://evil.test", "/\\evil.test", undefined, 3]) {
      expect(safeNextPath(bad)).toBe("/interactions");
    }
  });

  // Known open-redirect bypasses: each must either fall back to the default page or stay a
  // path on this site once a browser resolves it (as it resolves a Location header).
  const BYPASSES = [
    "/\t/evil.test", "/\n/evil.test", "/\r\n/evil.test", "/\t\\evil.test", "\t//evil.test", " //evil.test",
    "/.//evil.test", "/./\\evil.test", "/..//evil.test", "/a/../..//evil.test", "/%2e%2e//evil.test",
    "/%2E%2E/%2e%2e//evil.test", "/.%2e//evil.test", "/\\evil.test", "/\\/evil.test", "\\/evil.test", "\\\\evil.test",
    "/%2F/evil.test", "/%2f%2fevil.test", "/%5C/evil.test", "/%5c%5cevil.test", "/%09/evil.test", "/%0a/evil.test",
    "/\u3002/evil.test", "//evil\u3002test", "/\uff0e\uff0e//evil.test", "//evil.test%2F", "///evil.test", "////evil.test",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "/javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
    "//evil.test", "//evil.test/interactions", "http://evil.test", "https:evil.test", "http:/evil.test", "https://evil.test",
    "/@evil.test", "//user@evil.test", "http://this-site.invalid/x", "",
  ];

  it.each(BYPASSES)("never leave this site for next=%j", (value) => {
    const next = safeNextPath(value);
    const origin = "https://audit.example";
    const landed = new URL(next, origin);
    expect(landed.origin).toBe(origin);
    expect(next.startsWith("/") && !next.startsWith("//") && !next.includes("\\")).toBe(true);
    expect(next).not.toMatch(/[\t\n\r]/);
  });

  it("answers the reported bypasses with the default page", () => {
    for (const value of ["/\t/example.org", "/.//example.org", "/\n/example.org", "/%2e%2e//example.org", "/\\example.org"]) {
      expect(safeNextPath(value)).toBe("/interactions");
    }
  });
});

describe("content security policy", () => {
  it("allows scripts only by nonce and forbids framing", () => {
    const csp = contentSecurityPolicy("abc123", false);
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

describe("tokens in the database", () => {
  it("are stored as hashes, listed newest first with times as epoch ms, and revoked by id or by name", async () => {
    const database = await createTestDatabase("tokens");
    await migrateDatabase(database.url);
    const c = await openConnection(database.url);
    try {
      const before = Date.now();
      const a = await createToken({ name: " a ", scopes: ["read"] }, c);
      await new Promise((r) => setTimeout(r, 5));
      const b = await createToken({ name: "b", scopes: ["capture", "admin"] }, c);
      expect(a).toMatchObject({ name: "a", scopes: ["read"] });
      await expect(createToken({ name: "  ", scopes: ["read"] }, c)).rejects.toThrow(/needs a name/);

      const listed = await listTokens(c);
      expect(listed.map((t) => [t.id, t.name, t.scopes, t.last_used_at, t.revoked_at])).toEqual([
        [b.id, "b", "capture,admin", null, null],
        [a.id, "a", "read", null, null],
      ]);
      for (const t of listed) expect(t.created_at).toBeGreaterThanOrEqual(before);
      expect(JSON.stringify(listed)).not.toContain("ato_");

      expect(await revokeToken("b", c)).toBe(1);
      expect(await revokeToken(a.id, c)).toBe(1);
      expect(await revokeToken("a", c)).toBe(0);
      for (const t of await listTokens(c)) expect(t.revoked_at).toBeGreaterThanOrEqual(t.created_at);
    } finally {
      await c.close();
      await database.drop();
    }
  });
});

describe("the first-start admin token", () => {
  // Servers are processes with connections of their own: four processes with three connections
  // each all try at the same instant, whenever their start-up finished.
  it("is created exactly once when several processes start on an empty database at the same moment", async () => {
    const database = await createTestDatabase("bootstrap");
    try {
      await migrateDatabase(database.url);
      const script = `
        import { ensureAdminToken } from "@/lib/auth/ensure-admin-token";
        import { openConnection } from "@/lib/db/connection";
        (async () => {
          const connections = await Promise.all([1, 2, 3].map(() => openConnection(process.env.URL)));
          await new Promise((r) => setTimeout(r, Number(process.env.START_AT) - Date.now()));
          const created = await Promise.all(connections.map((c) => ensureAdminToken(c)));
          process.stdout.write(created.map((t) => (t ? "created" : "none")).join(" ") + " ");
          await Promise.all(connections.map((c) => c.close()));
        })();`;
      const startAt = Date.now() + 8000;
      const run = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--eval", script], {
            env: { ...process.env, URL: database.url, START_AT: String(startAt) },
          });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.stderr.on("data", (d) => (out += d));
          child.on("error", reject);
          child.on("exit", () => resolve(out));
        });
      const results = (await Promise.all([run(), run(), run(), run()])).join("").trim().split(" ");
      expect(results.sort()).toEqual(["created", ...Array(11).fill("none")]);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
