import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertItemUses, insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";
import { bigPackRow } from "../helpers/realistic-session";
import { startServer, type RunningServer } from "../helpers/server";
// @ts-expect-error plain .mjs module without types
import { serverEnv } from "../../scripts/server-flags.mjs";

// An export reads its rows in batches, each held parsed on the export thread's bounded heap.
// A batch is bounded by the bytes of its packs as well as by rows: 24 turns in a row with a
// 3 MB pack each (72 MB) must go out whole, as the list's export and as the session's, two of
// each at once, on the production heap flags. So must the pages of records the API answers
// (the list, a session's turns, an item's interactions), which read their rows a few MB at a time.
const ROWS = 24;

let server: RunningServer;
const sessionId = `big-packs-${Date.now()}`;
const project = `big-packs-${Date.now()}`;

beforeAll(async () => {
  server = await startServer({ env: serverEnv({}) });
  const start = Date.UTC(2026, 7, 1);
  const rows = Array.from({ length: ROWS }, (_, i) => ({ ...bigPackRow(sessionId, start + i * 60_000, i + 1), project }));
  await withDatabase(server.databaseUrl, async (db) => insertItemUses(db, await insertRows(db, rows), rows));
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

/** Reads an answer to its end, parsing each JSONL line as it completes (none kept). */
async function jsonlLines(path: string): Promise<{ status: number; lines: number; items: number }> {
  const res = await server.fetch(path);
  const decoder = new TextDecoder();
  let pending = "";
  let lines = 0;
  let items = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = pending.indexOf("\n")) >= 0) {
      const record = JSON.parse(pending.slice(0, end)) as { context_pack: { memories: unknown[]; chunks: unknown[] } };
      items += record.context_pack.memories.length + record.context_pack.chunks.length;
      lines++;
      pending = pending.slice(end + 1);
    }
  }
  return { status: res.status, lines, items };
}

/**
 * A capture's status, sent on a connection of its own: one the exports left in fetch's pool may
 * have been closed by the server (keep-alive) while this process was busy parsing their JSON,
 * and fetch would send on it before noticing ("other side closed", seen once on a busy machine).
 */
function captureOnNewConnection(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/interactions`,
      { method: "POST", agent: false, headers: { ...server.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("exports of many multi-MB packs", () => {
  it("answer whole, four at once, the list's and the session's, and the server still captures", async () => {
    const sessionExport = async () => {
      const res = await server.fetch(`/api/sessions/${encodeURIComponent(sessionId)}/export?format=json`);
      const session = (await res.json()) as { turns: { context_pack: { chunks: unknown[] } }[] };
      return { status: res.status, turns: session.turns.length, whole: session.turns.every((t) => t.context_pack.chunks.length === 2000) };
    };
    const listExport = () => jsonlLines(`/api/interactions/export?format=jsonl&project=${project}`);
    const [a, b, c, d] = await Promise.all([listExport(), sessionExport(), listExport(), sessionExport()]);
    for (const list of [a, c]) expect(list).toEqual({ status: 200, lines: ROWS, items: ROWS * 3000 });
    for (const session of [b, d]) expect(session).toEqual({ status: 200, turns: ROWS, whole: true });

    expect(server.logs()).not.toContain("export_thread_failed");
    expect(await captureOnNewConnection(JSON.stringify({ prompt: "after the big exports", project }))).toBe(201);
  }, 180_000);
});

describe("pages of many multi-MB packs", () => {
  it("answer whole, the list's, a session's and an item's, two of each at once, and the server still captures", async () => {
    const page = async (path: string) => {
      const res = await server.fetch(path);
      const body = (await res.json()) as { interactions?: Pack[]; turns?: Pack[] };
      const records = body.interactions ?? body.turns ?? [];
      return { status: res.status, records: records.length, items: records.reduce((n, r) => n + r.context_pack.memories.length + r.context_pack.chunks.length, 0) };
    };
    const paths = [
      `/api/interactions?project=${project}&session_id=${encodeURIComponent(sessionId)}&limit=500`,
      `/api/sessions/${encodeURIComponent(sessionId)}`,
      "/api/memories/mem-big-0/interactions?limit=500",
    ];
    const answers = await Promise.all([...paths, ...paths].map(page));
    for (const answer of answers) expect(answer).toEqual({ status: 200, records: ROWS, items: ROWS * 3000 });
    expect(await captureOnNewConnection(JSON.stringify({ prompt: "after the big pages" }))).toBe(201);
  }, 180_000);
});

type Pack = { context_pack: { memories: unknown[]; chunks: unknown[] } };
