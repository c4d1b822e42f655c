import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";
import { realisticSession } from "../helpers/realistic-session";
import { startServer, type RunningServer } from "../helpers/server";
// @ts-expect-error plain .mjs module without types
import { serverEnv } from "../../scripts/server-flags.mjs";

// The export thread makes at most four exports at once, the others waiting their turn. Readers
// that open an export and then read nothing (a stuck client, a paused download) must not keep
// the others waiting for as long as their connections stay open: after STREAM_STALL_MS without
// taking anything their answers are cut off and their places go to the next in line. The
// session's JSON export (~20 MB) is far more than the sockets between them can buffer.
const TURNS = 450;
const STALL_MS = 1500;

let server: RunningServer;
let sessionId: string;

beforeAll(async () => {
  server = await startServer({ env: serverEnv({ STREAM_STALL_MS: String(STALL_MS) }) });
  sessionId = `stall-${Date.now()}`;
  await withDatabase(server.databaseUrl, (db) => insertRows(db, realisticSession({ sessionId, turns: TURNS, start: Date.UTC(2026, 6, 1) })));
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

type Stalled = { status: number; resume: () => Promise<{ end: "complete" | "cut"; bytes: number }> };

/** Opens the export and reads its first bytes, then nothing more until resumed. */
function openAndStall(path: string): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${path}`, { headers: server.headers, agent: false }, (res) => {
      let bytes = 0;
      const ended = new Promise<"complete" | "cut">((done) => {
        res.on("end", () => done("complete"));
        res.on("error", () => done("cut"));
        res.on("close", () => done(res.complete ? "complete" : "cut"));
      });
      res.once("data", (chunk: Buffer) => {
        bytes += chunk.length;
        res.pause();
        resolve({
          status: res.statusCode!,
          resume: async () => {
            res.on("data", (c: Buffer) => (bytes += c.length));
            res.resume();
            return { end: await ended, bytes };
          },
        });
      });
    });
    req.on("error", reject);
  });
}

describe("stalled readers", () => {
  it("are cut off after STREAM_STALL_MS, and the exports waiting behind them are answered whole", async () => {
    const path = `/api/sessions/${encodeURIComponent(sessionId)}/export?format=json`;
    const stalled = await Promise.all(Array.from({ length: 4 }, () => openAndStall(path)));
    for (const s of stalled) expect(s.status).toBe(200);

    // Behind the four: waits until they are cut off, then goes out whole.
    const started = performance.now();
    const res = await server.fetch(path);
    expect(res.status).toBe(200);
    const whole = await res.text();
    expect((JSON.parse(whole) as { turns: unknown[] }).turns).toHaveLength(TURNS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(STALL_MS - 200);
    expect(server.logs().match(/"stream_stalled"/g)).toHaveLength(4);

    // A stalled reader that reads again gets what its socket held, then the answer breaks off.
    for (const s of stalled) {
      const { end, bytes } = await s.resume();
      expect(end).toBe("cut");
      expect(bytes).toBeLessThan(Buffer.byteLength(whole) / 2);
    }

    // The server still captures.
    const capture = await server.fetch("/api/interactions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "after the stalled exports", session_id: sessionId }),
    });
    expect(capture.status).toBe(201);
  }, 120_000);
});
