import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { expectError } from "../helpers/api";
import { withDatabase } from "../helpers/open-db";
import { startServer } from "../helpers/server";
import { createTestDatabase, postgresAdminUrl, testDatabaseKind } from "../helpers/test-database";

// /api/health is what a load balancer asks before sending an app server traffic: on
// PostgreSQL it must fail while the database cannot be reached and recover by itself after;
// meanwhile requests are told to come again (503), not that their token is wrong or a 500.
// SQLite has no such outage to simulate: its file is opened once and stays open.
describe.skipIf(testDatabaseKind() !== "postgres")("a PostgreSQL outage", () => {
  it("makes /api/health, token checks and pages answer 503 while the database refuses connections, and 200 again once it accepts them", async () => {
    const database = await createTestDatabase("health");
    const server = await startServer({ databaseUrl: database.url });
    const name = new URL(database.url).pathname.slice(1);
    const connections = (allow: boolean) => withDatabase(postgresAdminUrl(), (db) => db.exec(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`));
    const health = async () => (await fetch(`${server.url}/api/health`)).status;
    try {
      expect(await health()).toBe(200);
      // No new sessions, and the pool's open ones are cut, as in a database restart.
      await connections(false);
      await withDatabase(postgresAdminUrl(), (db) => db.all(Prisma.sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name}`));
      expect(await health()).toBe(503);
      expect(server.logs()).toContain('"event":"health_check_failed"');
      await expectError(await server.fetch("/api/tokens"), 503, "unavailable");
      // A reviewer opening a page gets a page that says why, not a bare 500.
      const page = await server.fetch("/interactions");
      expect(page.status).toBe(503);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(await page.text()).toContain("The database is unavailable");
      await connections(true);
      await expect.poll(health).toBe(200);
      expect((await server.fetch("/api/tokens")).status).toBe(200);
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
