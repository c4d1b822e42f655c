import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditApiError, AuditClient, type BatchItemResult, type Capture } from "@/lib/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { startServer, type RunningServer } from "../helpers/server";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { startFlakyProxy } from "../helpers/flaky-proxy";
import { uid } from "../helpers/api";
import { withDb } from "../helpers/db";

// Its own server behind a fault-injecting proxy, so that it can be stopped and restarted
// on the same database while a buffered recorder still holds captures.
let server: RunningServer;
let proxy: Awaited<ReturnType<typeof startFlakyProxy>>;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("client-retry");
  server = await startServer({ databaseUrl: database.url });
  proxy = await startFlakyProxy(server.url);
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
  await database?.drop();
});

async function storedIds(project: string): Promise<string[]> {
  const rows = await withDb((db) => db.all<{ id: string }>(Prisma.sql`SELECT id FROM interactions WHERE project = ${project}`), database.url);
  // Sorted here: the databases' text orders differ (PostgreSQL's follows the locale).
  return rows.map((r) => r.id).sort();
}

function recorder(client: AuditClient) {
  const results: BatchItemResult[] = [];
  const errors: { err: Error; captures: Capture[] }[] = [];
  const rec = client.buffered({
    maxBatch: 5,
    flushIntervalMs: 20,
    baseDelayMs: 20,
    maxDelayMs: 200,
    maxAttempts: 200,
    onResult: (r) => results.push(r),
    onError: (err, captures) => errors.push({ err, captures }),
  });
  return { rec, results, errors };
}

describe("buffered recorder against a failing server", () => {
  it("retries lost answers, 503s and a server restart without storing any capture twice", async () => {
    const project = uid("retry");
    // The first server's token stays valid after the restart: it lives in the database.
    const token = server.token;
    const client = new AuditClient({ url: proxy.url, token });
    const { rec, results, errors } = recorder(client);
    const ids: string[] = [];

    // A first capture lets the client learn whether the server has the batch route.
    ids.push(rec.record({ prompt: "warm-up", project }));
    await rec.flush();
    // The server stores these, but the client never hears back: its retries must be duplicates.
    proxy.inject("lose-answer", "lose-answer", "503", "reset", "503");
    for (let i = 0; i < 11; i++) ids.push(rec.record({ prompt: `before ${i}`, project }));
    await rec.flush();
    expect(await storedIds(project)).toEqual([...ids].sort());
    expect(results.some((r) => r.status === "duplicate")).toBe(true);

    // The server goes down with captures buffered, and comes back on another port.
    await server.stop();
    proxy.retarget(null);
    const recordedFrom = Date.now();
    for (let i = 0; i < 8; i++) ids.push(rec.record({ prompt: `during ${i}`, project }));
    const recordedUntil = Date.now();
    const requestsBefore = proxy.seen.length;
    const flushed = rec.flush();
    while (proxy.seen.length < requestsBefore + 3) await new Promise((r) => setTimeout(r, 20));
    expect(rec.pending).toBe(8);
    server = await startServer({ databaseUrl: database.url });
    proxy.retarget(server.url);
    await flushed;
    await rec.close();

    expect(errors).toEqual([]);
    expect(rec.pending).toBe(0);
    expect(await storedIds(project)).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(20);
    // The captures buffered through the outage keep the time they were recorded, not the arrival.
    const times = await withDb(
      (db) => db.all<{ occurred_at: Date | number; created_at: Date | number }>(Prisma.sql`SELECT occurred_at, created_at FROM interactions WHERE project = ${project} AND prompt LIKE 'during %'`),
      database.url,
    );
    expect(times).toHaveLength(8);
    for (const t of times) {
      const happened = new Date(t.occurred_at).getTime();
      expect(happened).toBeGreaterThanOrEqual(recordedFrom);
      expect(happened).toBeLessThanOrEqual(recordedUntil);
      expect(new Date(t.created_at).getTime()).toBeGreaterThan(recordedUntil);
    }
    // Every request carried the bearer token.
    expect(proxy.seen.every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
  });

  it("does not retry a capture the server refuses (4xx) and reports it with the server's envelope", async () => {
    const project = uid("bad");
    const { rec, errors } = recorder(new AuditClient({ url: proxy.url, token: server.token }));
    const good = rec.record({ prompt: "fine", project });
    const bad = rec.record({ prompt: "   ", project });
    await rec.close();
    expect(await storedIds(project)).toEqual([good]);
    expect(errors).toHaveLength(1);
    expect(errors[0].captures[0].prompt).toBe("   ");
    expect(errors[0].err).toBeInstanceOf(AuditApiError);
    expect((errors[0].err as AuditApiError).code).toBe("validation_failed");
    // Never retried: sent at most once to each route (a server without the batch route
    // refuses the batch with 405 and the client then sends each capture alone).
    const sent = proxy.seen.filter((r) => r.body.includes(bad)).map((r) => r.url);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it("gives up after maxAttempts and reports the captures", async () => {
    const errors: Capture[][] = [];
    const rec = new AuditClient({ url: proxy.url, token: server.token }).buffered({ maxAttempts: 3, baseDelayMs: 5, onError: (_e, c) => errors.push(c) });
    proxy.inject("503", "503", "503");
    const id = rec.record({ id: randomUUID(), prompt: "x", project: uid("giveup") });
    await rec.close();
    expect(errors.flat().map((c) => c.id)).toEqual([id]);
  });

  it("falls back to single captures, with the same results, against a server without the batch route", async () => {
    const project = uid("old");
    const known = randomUUID();
    const client = new AuditClient({ url: proxy.url, token: server.token });
    await client.record({ id: known, prompt: "known", project });
    proxy.hide("/api/interactions/batch");
    const results = await client.recordBatch([{ prompt: "a", project }, { id: known, prompt: "known", project }, { prompt: "", project }]);
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "duplicate"],
      [2, "error"],
    ]);
    expect(results[2].error?.code).toBe("validation_failed");
    expect(await storedIds(project)).toHaveLength(2);
    // Learned once: the next batch goes straight to single captures.
    const before = proxy.seen.filter((r) => r.url === "/api/interactions/batch").length;
    await client.recordBatch([{ prompt: "b", project }]);
    expect(proxy.seen.filter((r) => r.url === "/api/interactions/batch").length).toBe(before);
  });
});
