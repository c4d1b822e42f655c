import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { startServer, type RunningServer } from "../helpers/server";
import { withDb } from "../helpers/db";
import { testDatabaseKind } from "../helpers/test-database";

// A server of its own: a small body limit from the environment, and its logs to read.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { MAX_BODY_BYTES: "2000" } });
});
afterAll(async () => {
  await server?.stop();
});

const post = (body: unknown) =>
  server.fetch("/api/interactions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("configuration and logs", () => {
  it("takes the body limit from MAX_BODY_BYTES", async () => {
    expect((await post({ prompt: "x".repeat(1500) })).status).toBe(201);
    const res = await post({ prompt: "y".repeat(2500) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    // Also when the client streams without announcing a length.
    const streamed = await server.fetch("/api/interactions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(JSON.stringify({ prompt: "z".repeat(5000) })));
          c.close();
        },
      }),
      // @ts-expect-error Node's fetch needs this for a stream body
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("logs one JSON line per capture with ids and sizes, never the prompt", async () => {
    const secret = "prompt-text-that-must-not-be-logged";
    const res = await post({
      prompt: secret,
      response: "abcde",
      project: "p1",
      client: "manual",
      session_id: "s1",
      memories_used: ["m1", "m2"],
      chunks_used: ["c1"],
    });
    const { id } = await res.json();
    await expect.poll(() => server.logs().includes(id)).toBe(true);
    const line = server
      .logs()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((e) => e.interaction_id === id);
    expect(line).toMatchObject({
      event: "interaction_recorded",
      interaction_id: id,
      project: "p1",
      client: "manual",
      session_id: "s1",
      memories_used: 2,
      chunks_used: 1,
      response_chars: 5,
    });
    expect(server.logs()).not.toContain(secret);
  });

  it("applies migrations on start and records them as Prisma does", async () => {
    const rows = await withDb(
      (db) => db.all<{ finished_at: number | null; applied_steps_count: number }>(Prisma.sql`SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations`),
      server.databaseUrl,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  // Write-ahead logging is SQLite's journal mode; PostgreSQL always logs ahead (its WAL is the
  // cluster's, not ours to choose), and each write transaction forces synchronous_commit on
  // (lib/db/postgres/write.ts), so an acknowledged capture is on disk on both.
  it.skipIf(testDatabaseKind() === "postgres")("runs SQLite in WAL mode", async () => {
    const mode = await withDb(async (db) => (await db.get<{ journal_mode: string }>(Prisma.sql`PRAGMA journal_mode`))!.journal_mode, server.databaseUrl);
    expect(mode).toBe("wal");
  });
});

// The server's SQLite writes run on their own thread (lib/db/sqlite/write-thread.ts), where jobs that
// arrive together share a transaction: many at once each get their own answer and row, and
// the chain they were linked into verifies.
describe.skipIf(testDatabaseKind() === "postgres")("the write thread (SQLite)", () => {
  it("serves concurrent captures, conflicts and completions, each answered on its own", async () => {
    await expect.poll(() => server.logs().includes('"event":"write_thread_started"')).toBe(true);
    const marker = `wt-${crypto.randomUUID()}`;
    const ids = Array.from({ length: 40 }, () => crypto.randomUUID());
    const first = await Promise.all(ids.map((id, i) => post({ id, prompt: `${marker} ${i}`, project: marker })));
    expect(first.map((r) => r.status)).toEqual(ids.map(() => 201));
    // Retries, conflicting content and completions, all at once: none affects another.
    const [same, conflict, completed, missing] = await Promise.all([
      post({ id: ids[0], prompt: `${marker} 0`, project: marker }),
      post({ id: ids[1], prompt: "other content", project: marker }),
      server.fetch(`/api/interactions/${ids[2]}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ response: "late" }) }),
      server.fetch(`/api/interactions/${crypto.randomUUID()}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ response: "x" }) }),
    ]);
    expect([same.status, conflict.status, completed.status, missing.status]).toEqual([200, 409, 200, 404]);
    expect((await conflict.json()).error.code).toBe("conflict");
    expect((await missing.json()).error.code).toBe("not_found");
    const stored = await withDb(
      (db) => db.all<{ id: string }>(Prisma.sql`SELECT id FROM interactions WHERE project = ${marker}`),
      server.databaseUrl,
    );
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    const verify = await (await server.fetch("/api/audit/verify")).json();
    expect(verify).toMatchObject({ status: "ok", unchained: { count: 0 } });
  });
});
