import { existsSync, statSync } from "node:fs";
import { request } from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDb } from "../helpers/db";
import { startServer } from "../helpers/server";
import { createTestDatabase } from "../helpers/test-database";

// SIGTERM: `next start` stops listening, lets in-flight requests finish, then exits; our
// exit hook checkpoints SQLite's WAL and closes the database (on PostgreSQL: ends the pool's sessions). Proven with a
// capture whose body is still arriving when the signal lands.
describe("graceful shutdown", () => {
  it("finishes an in-flight capture after SIGTERM, refuses new connections, closes the database", async () => {
    // Its own database, so that what was stored can be read after the server is gone.
    const database = await createTestDatabase("shutdown");
    onTestFinished(() => database.drop());
    const server = await startServer({ databaseUrl: database.url });
    onTestFinished(() => server.stop()); // already stopped unless the test failed early
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
    if (database.file) {
      // The shutdown checkpointed the WAL into the database file: copying the file alone is a whole backup.
      const wal = `${database.file}-wal`;
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    }
    expect(await withDb((db) => db.get(Prisma.sql`SELECT count(*) AS n FROM interactions WHERE id = ${id}`), database.url)).toEqual({ n: 1 });
    if (server.databaseKind === "postgres") {
      // No session of the server's pool is left behind.
      const sessions = () =>
        withDb((db) => db.all(Prisma.sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`), database.url);
      await expect.poll(async () => (await sessions()).length).toBe(0);
    }
  });
});
