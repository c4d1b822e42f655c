import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/token-hash";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDb } from "../helpers/db";
import { startServer } from "../helpers/server";
import { createTestDatabase } from "../helpers/test-database";

// A fresh install: no token exists, so the server makes an admin token, prints it once with
// the sign-in address and stores only its hash. AUTH_DISABLED=1 opens everything, loudly.
const logEvents = (logs: string) =>
  logs
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { event: string; [k: string]: unknown });

describe("first start", () => {
  it("creates, prints once and stores only the hash of an admin token; a restart makes none", async () => {
    const database = await createTestDatabase("first-start");
    try {
      const server = await startServer({ databaseUrl: database.url, noToken: true });
      try {
        const created = logEvents(server.logs()).find((e) => e.event === "admin_token_created");
        expect(created?.sign_in_url).toBe(`http://localhost:${server.port}/sign-in`);
        const token = /\b(ato_[A-Za-z0-9_-]{43})\b/.exec(server.logs())?.[1];
        expect(token).toBeDefined();
        for (const path of ["/api/interactions", "/interactions"]) {
          expect((await server.fetch(path, { auth: token })).status).toBe(200);
        }
        expect((await server.fetch("/api/interactions", { method: "POST", auth: token, headers: { "content-type": "application/json" }, body: '{"prompt":"x"}' })).status).toBe(201);
        expect(await withDb((db) => db.all(Prisma.sql`SELECT token_hash, scopes FROM api_tokens`), database.url)).toEqual([{ token_hash: hashToken(token!), scopes: "capture,read,review,admin,redact" }]);
      } finally {
        await server.stop();
      }
      // The clear token is nowhere in the database: in no column, and (SQLite) in no byte of its files.
      const tokenTable = await withDb((db) => db.all<Record<string, unknown>>(Prisma.sql`SELECT * FROM api_tokens`), database.url);
      expect(JSON.stringify(tokenTable)).not.toContain("ato_");
      for (const file of database.file ? [database.file, `${database.file}-wal`] : []) {
        try {
          expect(readFileSync(file).includes("ato_")).toBe(false);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        }
      }
      const again = await startServer({ databaseUrl: database.url, noToken: true });
      try {
        expect(logEvents(again.logs()).some((e) => e.event === "admin_token_created")).toBe(false);
        expect(again.logs()).not.toMatch(/ato_/);
      } finally {
        await again.stop();
      }
    } finally {
      await database.drop();
    }
  });

  it("is made by exactly one of three servers starting together on an empty database", async () => {
    const database = await createTestDatabase("first-start-3");
    const servers = await Promise.all([1, 2, 3].map(() => startServer({ databaseUrl: database.url, noToken: true })));
    try {
      const printed = servers.map((s) => /\b(ato_[A-Za-z0-9_-]{43})\b/.exec(s.logs())?.[1]).filter((t) => t !== undefined);
      expect(printed).toHaveLength(1);
      expect(servers.filter((s) => logEvents(s.logs()).some((e) => e.event === "admin_token_created"))).toHaveLength(1);
      expect(await withDb((db) => db.all(Prisma.sql`SELECT token_hash, scopes FROM api_tokens`), database.url)).toEqual([{ token_hash: hashToken(printed[0]), scopes: "capture,read,review,admin,redact" }]);
      for (const s of servers) expect((await s.fetch("/api/tokens", { auth: printed[0] })).status).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await database.drop();
    }
  });

  it("takes the first admin token from ATOCORE_AUDIT_ADMIN_TOKEN, stores its hash and never prints it", async () => {
    const chosen = `ato_operator_chosen_${"x".repeat(24)}`;
    const server = await startServer({ noToken: true, env: { ATOCORE_AUDIT_ADMIN_TOKEN: chosen } });
    try {
      expect(logEvents(server.logs()).find((e) => e.event === "admin_token_created")?.sign_in_url).toBeDefined();
      expect(server.logs()).not.toContain(chosen);
      expect((await server.fetch("/api/interactions", { auth: chosen })).status).toBe(200);
      expect((await server.fetch("/api/tokens", { auth: chosen })).status).toBe(200);
      expect((await server.fetch("/api/interactions", { auth: "ato_wrong" })).status).toBe(401);
      expect(await withDb((db) => db.all(Prisma.sql`SELECT token_hash FROM api_tokens`), server.databaseUrl)).toEqual([{ token_hash: hashToken(chosen) }]);
    } finally {
      await server.stop();
    }
  });

  it("with AUTH_DISABLED=1 serves everyone, and says so in the log and on every page", async () => {
    const server = await startServer({ noToken: true, env: { AUTH_DISABLED: "1" } });
    try {
      expect(logEvents(server.logs()).find((e) => e.event === "auth_disabled")?.level).toBe("warn");
      expect(server.logs()).not.toMatch(/ato_/);
      expect((await fetch(`${server.url}/api/interactions`)).status).toBe(200);
      const page = await fetch(`${server.url}/interactions`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Access control is OFF (AUTH_DISABLED=1)");
    } finally {
      await server.stop();
    }
  });
});
