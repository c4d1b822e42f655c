import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { realisticTurns, type Turn } from "../lib/demo/generate-turns";
import { currentChat, spanRecorder } from "../tests/helpers/otel";
import { decodeTraceRequest } from "../lib/otlp/decode-traces";
import { mapExport } from "../lib/otlp/map-spans";
import { benchDatabase, notes, P, r1, r2, rows, server, step, type BenchServer } from "./context";
import { combine, postLoad, type LoadResult } from "./load";

// The ecosystem's ways in (issue 24): OTLP exports of GenAI spans at 4 connections, and
// Claude Code's HTTP hook at one connection beside the hook script it can replace.

const SPANS_PER_EXPORT = 100;

/** Turns of the realistic shape (lib/demo/generate-turns.ts), for the spans' and events' text. */
function someTurns(count: number, seed: number): Turn[] {
  const out: Turn[] = [];
  for (const turn of realisticTurns({ rows: count, longSessionTurns: 0, bigPack: false, project: "bench", days: 1, now: Date.now(), seed }).turns()) out.push(turn);
  return out;
}
const OTLP_CONNECTIONS = 4;

/** Protobuf exports of 100 chat spans each, every chat span with a retrieval span before it (5 documents). */
function otlpExports(count: number): Buffer[] {
  const turns = someTurns(2000, 24);
  const rec = spanRecorder({ "service.name": "bench-agent", "atocore.project": "bench-otlp" });
  const bodies: Buffer[] = [];
  for (let e = 0; e < count; e++) {
    rec.reset();
    for (let i = 0; i < SPANS_PER_EXPORT; i++) {
      const turn = turns[(e * SPANS_PER_EXPORT + i) % turns.length];
      const docs = Array.from({ length: 5 }, (_, d) => ({ id: `doc-${(e + i + d) % 997}`, score: 0.9 - d / 10, content: turn.response.slice(d * 60, d * 60 + 300) }));
      rec.trace({
        name: "invoke_agent",
        children: [
          { name: "retrieval", attributes: { "gen_ai.operation.name": "retrieval", "gen_ai.data_source.id": "kb", "gen_ai.retrieval.documents": JSON.stringify(docs) } },
          { name: "chat", attributes: currentChat(turn.prompt, turn.response, { "gen_ai.conversation.id": turn.session_id || `s-${e}`, "atocore.chunks_used": [docs[0].id] }) },
        ],
      });
    }
    bodies.push(Buffer.from(ProtobufTraceSerializer.serializeRequest(rec.spans())!));
  }
  return bodies;
}

/** The same turns as batch capture bodies (ids left to the server), mapped by the OTLP code itself. */
async function batchBodies(exports: Buffer[]): Promise<string[]> {
  const out: string[] = [];
  for (const body of exports) {
    const req = new Request("http://bench/v1/traces", { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: new Uint8Array(body) });
    const { captures } = mapExport(await decodeTraceRequest(req, "protobuf"));
    out.push(JSON.stringify({ interactions: captures.map(({ id: _id, ...capture }) => capture) }));
  }
  return out;
}

async function otlpThroughput(app: BenchServer) {
  // An export of 100 spans takes seconds on a loaded machine: slices short enough to end with
  // every export in flight would count nothing.
  const seconds = Math.max(10, P.sliceSeconds);
  // Enough distinct exports that every one stores new rows (a re-export is a cheaper duplicate).
  const exports = otlpExports(Math.ceil(seconds * P.rounds * 40) + 8);
  const batches = await batchBodies(exports);
  const warm = exports.splice(0, 8);
  const headers = { ...app.headers, "content-type": "application/x-protobuf" };
  step(`OTLP: ${warm.length} exports to warm up, then ${P.rounds} rounds of ${seconds} s slices: exports of ${SPANS_PER_EXPORT} chat spans (~${Math.round(exports[0].length / 1024)} KB protobuf) against the batch route with the same turns, ${OTLP_CONNECTIONS} connections each`);
  // Warm-up, awaited (an export cut off by the end of a load would still be stored during the next).
  await Promise.all([warm.slice(0, 4), warm.slice(4)].map(async (bodies) => {
    for (const body of bodies) await fetch(`${app.url}/v1/traces`, { method: "POST", headers, body: new Uint8Array(body) }).then((r) => r.arrayBuffer());
  }));
  const otlp: LoadResult[] = [];
  const batch: LoadResult[] = [];
  for (let round = 0; round < P.rounds; round++) {
    otlp.push(await postLoad(`${app.url}/v1/traces`, exports.splice(0, Math.ceil(seconds * 40)), OTLP_CONNECTIONS, seconds, headers));
    batch.push(await postLoad(`${app.url}/api/interactions/batch`, batches.splice(0, Math.ceil(seconds * 40)), OTLP_CONNECTIONS, seconds, app.headers));
  }
  const [o, b] = [combine(otlp), combine(batch)];
  for (const [name, r] of [["OTLP", o], ["batch", b]] as const) {
    if (r.errors || r.non2xx) notes.push(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers out of ${r.requests}`);
  }
  const spansPerSecond = (o.requests * SPANS_PER_EXPORT) / o.seconds;
  const batchRows = (b.requests * SPANS_PER_EXPORT) / b.seconds;
  rows.push({ section: "otlp", figure: `chat spans stored per second, exports of ${SPANS_PER_EXPORT} at ${OTLP_CONNECTIONS} connections (protobuf)`, value: Math.round(spansPerSecond), unit: "spans/s", goal: ">= 2,000 spans/s", pass: spansPerSecond >= 2000 });
  rows.push({ section: "otlp", figure: "export p50 / p99", value: `${o.p50} / ${o.p99}`, unit: "ms" });
  rows.push({ section: "otlp", figure: `the same turns through POST /api/interactions/batch (${SPANS_PER_EXPORT} a request), same connections`, value: Math.round(batchRows), unit: "rows/s" });
  rows.push({ section: "otlp", figure: "OTLP / batch", value: r2(spansPerSecond / batchRows), unit: "x" });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const hookEvent = (sessionId: string, promptId: string, event: "UserPromptSubmit" | "Stop", text: string) => ({
  session_id: sessionId,
  prompt_id: promptId,
  transcript_path: `/home/dev/.claude/projects/bench/${sessionId}.jsonl`,
  cwd: "/home/dev/code/bench-hook",
  permission_mode: "default",
  hook_event_name: event,
  ...(event === "Stop" ? { stop_hook_active: false, last_assistant_message: text } : { prompt: text }),
});

async function hookLatency(app: BenchServer) {
  const turns = someTurns(200, 7);
  const n = P.samples * 2;
  step(`Claude Code HTTP hook: ${n} prompts and their Stops, one connection`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(`${app.url}/api/integrations/claude-code`);
  const times: number[] = [];
  const sessionId = randomUUID();
  for (let i = -5; i < n; i++) {
    const turn = turns[(i + turns.length) % turns.length];
    const promptId = randomUUID();
    for (const [event, text] of [["UserPromptSubmit", turn.prompt], ["Stop", turn.response]] as const) {
      const t0 = performance.now();
      const status = await post(agent, url, app.headers, JSON.stringify(hookEvent(sessionId, promptId, event, text)));
      if (i >= 0) times.push(performance.now() - t0);
      if (status !== 204) throw new Error(`hook answered ${status}`);
    }
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  rows.push({ section: "claude code", figure: "HTTP hook: p95 per event (UserPromptSubmit or Stop), one connection", value: r1(p95), unit: "ms", goal: "<= 20 ms", pass: p95 <= 20 });
  rows.push({ section: "claude code", figure: "HTTP hook: p50 per event", value: r1(percentile(times, 50)), unit: "ms" });

  // The script, as Claude Code runs it: a node process per event, the event on stdin.
  const runs = Math.max(10, Math.round(P.samples / 3));
  step(`Claude Code hook script: ${runs} prompts and their Stops, a process per event`);
  const state = mkdtempSync(path.join(os.tmpdir(), "bench-hook-"));
  const scriptTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const turn = turns[i % turns.length];
    const promptId = randomUUID();
    let perPrompt = 0;
    for (const [event, text] of [["UserPromptSubmit", turn.prompt], ["Stop", turn.response]] as const) {
      perPrompt += await runScript(app, state, JSON.stringify(hookEvent(sessionId, promptId, event, text)));
    }
    scriptTimes.push(perPrompt);
  }
  scriptTimes.sort((a, b) => a - b);
  rows.push({ section: "claude code", figure: "hook script: wall time per prompt (UserPromptSubmit + Stop runs) p50 / p95", value: `${r1(percentile(scriptTimes, 50))} / ${r1(percentile(scriptTimes, 95))}`, unit: "ms" });
  rows.push({ section: "claude code", figure: "HTTP hook: time per prompt (two events) p50, for comparison", value: r1(percentile(times, 50) * 2), unit: "ms" });
}

function runScript(app: BenchServer, stateDir: string, payload: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["scripts/claude-code-hook.mjs"], {
    env: { ...process.env, ATOCORE_AUDIT_URL: app.url, ATOCORE_AUDIT_TOKEN: app.token, ATOCORE_AUDIT_STATE_DIR: stateDir, ATOCORE_AUDIT_CONFIG: path.join(stateDir, "none.json") },
    stdio: ["pipe", "ignore", "ignore"],
  });
  child.stdin.end(payload);
  return new Promise((resolve) => child.on("close", () => resolve(performance.now() - t0)));
}

/** The OTLP and Claude Code hook figures, on one server of their own (SQLite or PostgreSQL, as the run). */
export async function ingestFigures() {
  const db = await benchDatabase("ingest");
  const app = await server("OTLP and hook ingestion", {}, db);
  await otlpThroughput(app);
  await hookLatency(app);
  await app.done();
  await db.drop();
  notes.push("OTLP: protobuf exports made with the OpenTelemetry JS SDK (ProtobufTraceSerializer), each trace an agent span with a retrieval span (5 documents of ~300 chars) and a chat span of the realistic shape's turns; spans/s counts chat spans stored.");
}
