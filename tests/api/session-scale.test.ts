import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";
import { bigPackRow, realisticSession } from "../helpers/realistic-session";
import { rssMb } from "../helpers/rss";
import { startServer, type RunningServer } from "../helpers/server";
// @ts-expect-error plain .mjs module without types
import { serverEnv } from "../../scripts/server-flags.mjs";

// A reviewer's page view must never stop capture. The heaviest reads (a long session's page,
// its JSON and Markdown exports, the export of every row, the turns API, a 500-turn page of the session API with its
// packs, and the detail page of a turn with a 3 MB pack of 3,000 items) are loaded 20 at a time, three times over, on a server with the
// production heap flags (scripts/server-flags.mjs); then a capture must succeed and the
// server must still be alive. A session of 300 turns of ~40 KB packs keeps it affordable.
const TURNS = 300;
const CONCURRENCY = 20;
const ROUNDS = 3;
const MAX_PAGE_HTML = 500_000;

let server: RunningServer;
let sessionId: string;
let bigId: string;

beforeAll(async () => {
  server = await startServer({ env: serverEnv({}) });
  sessionId = `scale-${Date.now()}`;
  const start = Date.UTC(2026, 5, 1);
  const rows = [...realisticSession({ sessionId, turns: TURNS, start }), bigPackRow(sessionId, start + (TURNS + 1) * 20_000)];
  const inserted = await withDatabase(server.databaseUrl, (db) => insertRows(db, rows));
  bigId = inserted.at(-1)!.id;
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

/** Loads a path to its end, counting bytes without keeping them. */
async function load(path: string): Promise<{ status: number; bytes: number }> {
  const res = await server.fetch(path);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return { status: res.status, bytes };
}

describe("heavy reads at realistic scale", () => {
  it("serves 20 concurrent loads of the heaviest pages and exports, repeatedly, and still captures", async () => {
    const id = encodeURIComponent(sessionId);
    const targets = [
      `/sessions/${id}`,
      `/sessions/${id}?from=${TURNS - 20}`,
      `/api/sessions/${id}/export?format=json`,
      `/api/sessions/${id}/export?format=md`,
      // The list's export of every row (packs included), on the export thread with the others.
      "/api/interactions/export?format=jsonl",
      `/interactions/${bigId}`,
      `/api/sessions/${id}/turns?from=150&limit=100`,
      `/api/sessions/${id}?limit=500`,
    ];
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const loads = Array.from({ length: CONCURRENCY }, (_, i) => targets[i % targets.length]).map(async (path) => ({ path, ...(await load(path)) }));
        // A capture in the middle of the heavy reads is answered, not starved.
        const capture = server.fetch("/api/interactions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt: `during round ${round} 🙂`, session_id: `${sessionId}-captures` }),
        });
        const results = await Promise.all(loads);
        expect((await capture).status).toBe(201);
        for (const r of results) {
          expect(r.status, r.path).toBe(200);
          if (r.path.startsWith("/sessions/")) expect(r.bytes, r.path).toBeLessThanOrEqual(MAX_PAGE_HTML);
        }
        const exportJson = results.find((r) => r.path.endsWith("format=json"))!;
        // The whole session went out: 300 packs of ~45 KB and the 3 MB one.
        expect(exportJson.bytes).toBeGreaterThan(TURNS * 40_000);
      }
    } finally {
      clearInterval(sampler);
    }
    console.log(`session-scale: peak server RSS ${peak.toFixed(0)} MB over ${ROUNDS} rounds of ${CONCURRENCY} loads`);

    const after = await server.fetch("/api/interactions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "after the heavy reads", session_id: `${sessionId}-captures` }),
    });
    expect(after.status).toBe(201);
    expect(() => process.kill(server.pid, 0)).not.toThrow();
    expect((await server.fetch("/api/health")).status).toBe(200);
    expect(server.logs()).not.toMatch(/heap out of memory/i);
  }, 900_000);
});
