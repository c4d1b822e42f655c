import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIG_BODY_ENV, captureMany, captureRows } from "../helpers/chained-rows";
import { realisticSession } from "../helpers/realistic-session";
import { rssMb } from "../helpers/rss";
import { runScript } from "../helpers/run-script";
import { startServer, type RunningServer } from "../helpers/server";
// @ts-expect-error plain .mjs module without types
import { serverEnv } from "../../scripts/server-flags.mjs";

// The packet of a long session is one file of a hundred MB or more: the server must stream it
// (one batch of turns in memory), not build it. A session of 1,000 realistic turns (~45 KB
// packs), captured through the API with 2,000 links of other sessions in between, on a server
// with the production memory flags; the packet is read to a file while the server's resident
// set is sampled, and then verified offline.
const TURNS = 1000;

let server: RunningServer;
let sessionId: string;
const dir = mkdtempSync(join(tmpdir(), "packet-scale-"));

beforeAll(async () => {
  server = await startServer({ env: serverEnv(BIG_BODY_ENV) });
  sessionId = `packet-scale-${Date.now()}`;
  const rows = realisticSession({ sessionId, turns: TURNS, start: Date.now() });
  await captureRows(server.fetch, rows.slice(0, TURNS / 2), 100);
  await captureMany(server.fetch, 2000, 500);
  await captureRows(server.fetch, rows.slice(TURNS / 2), 100);
}, 900_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the audit packet of a long session", () => {
  it("streams 1,000 turns with bounded server memory, and verifies", async () => {
    const before = rssMb(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
    const file = join(dir, "packet.html");
    let bytes = 0;
    try {
      const res = await server.fetch(`/api/sessions/${sessionId}/packet`);
      expect(res.status).toBe(200);
      const out = createWriteStream(file);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      }
      await new Promise<void>((r) => out.end(() => r()));
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - before;
    console.log(`packet-scale: ${(bytes / 2 ** 20).toFixed(0)} MB packet; server RSS ${before.toFixed(0)} -> peak ${peak.toFixed(0)} MB (+${growth.toFixed(0)})`);
    // Every turn went out: 1,000 packs of ~45 KB, embedded and shown.
    expect(bytes).toBeGreaterThan(TURNS * 60_000);
    // Held whole, the packet (as a string: twice its bytes) would add more than its size.
    expect(growth * 2 ** 20).toBeLessThan(bytes / 2);

    const run = await runScript("scripts/verify-packet.ts", [file]);
    expect(run.code, run.stderr.slice(0, 2000)).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "intact", turns: TURNS });
    // The path: this session's 1,000 captures and the 2,000 links between them.
    expect(JSON.parse(run.stdout).links_checked).toBe(TURNS + 2000);
  }, 900_000);
});
