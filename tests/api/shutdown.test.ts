import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { openConnection, queryRows } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";
import { startServer } from "../helpers/server";
import { createTestDatabase } from "../helpers/test-database";

// SIGTERM: `next start` stops listening, lets in-flight requests finish, then exits; our
// exit hook closes the database (on PostgreSQL: ends the pool's sessions). Proven with a
// capture whose body is still arriving when the signal lands.
describe("graceful shutdown", () => {
  it("finishes an in-flight capture after SIGTERM, refuses new connections, closes the database", async () => {
    // A database of the test's own, to read after the server is gone.
    const database = await createTestDatabase("shutdown");
    const server = await startServer({ databaseUrl: database.url });
    const c = await openConnection(database.url);
    try {
      const body = JSON.stringify({ prompt: `in flight ${crypto.randomUUID()}`, project: "shutdown" });
      const half = Math.floor(body.length / 2);
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${server.url}/api/interactions`,
          {
            method: "POST",
            agent: false,
            headers: { ...server.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            let text = "";
            res.on("data", (d) => (text += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on("error", reject);
        req.write(body.slice(0, half));
        // Give the server time to route the request before the signal.
        setTimeout(() => {
          const stopped = server.stop("SIGTERM");
          setTimeout(async () => {
            await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
            req.end(body.slice(half));
            await stopped;
          }, 300);
        }, 300);
      });
      const res = await answer;
      expect(res.status).toBe(201);
      const id = JSON.parse(res.body).id;
      await expect.poll(() => server.logs().includes('"event":"database_closed"')).toBe(true);
      expect(await queryRows(c, Prisma.sql`SELECT id FROM interactions WHERE id = ${id}`)).toEqual([{ id }]);
      if (c.kind === "postgres") {
        // No session of the server's pool is left behind.
        const others = Prisma.sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
        await expect.poll(async () => (await queryRows(c, others)).length).toBe(0);
      }
    } finally {
      await c.close();
      await server.stop("SIGKILL");
      await database.drop();
    }
  });
});
