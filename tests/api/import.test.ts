import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { InteractionRecordSchema, type InteractionRecord } from "@/lib/interactions/schema";
import { Prisma } from "@/lib/generated/prisma/client";
import { realisticTurns } from "@/lib/demo/generate-turns";
import { apiFetch, getJson, postJson, uid } from "../helpers/api";
import { withDb } from "../helpers/db";
import { runScript } from "../helpers/run-script";

const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-audit-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeTemp(name: string, content: string): string {
  const file = path.join(dir, `${uid(name)}`);
  writeFileSync(file, content);
  return file;
}

/** `npm run import` against the shared server's database, with the report as JSON. */
async function runImport(args: string[], env: Record<string, string> = {}) {
  const r = await runScript("scripts/import.ts", [...args, "--json"], { DATABASE_URL: inject("databaseUrl"), ...env });
  if (r.code !== 0 && r.code !== 2) throw new Error(`import failed (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as { imported: number; already_present: number; rejected: { line: number; reason: string }[] } };
}

async function get(id: string): Promise<InteractionRecord> {
  const { status, body } = await getJson(`/api/interactions/${id}`);
  expect(status).toBe(200);
  return InteractionRecordSchema.parse(body);
}

function uses(id: string) {
  return withDb((db) =>
    db.all<{ kind: string; item_id: string; created_at: number }>(
      Prisma.sql`SELECT u.kind, u.item_id, u.created_at FROM interaction_uses u JOIN interactions i ON i.seq = u.interaction_seq
       WHERE i.id = ${id} ORDER BY u.kind, u.item_id`,
    ),
  );
}

// Each import run starts tsx (1-2 s on a loaded machine), so these tests get more time.
describe("npm run import -- FILE.jsonl", { timeout: 90_000 }, () => {
  it("round-trips an export exactly (ids, times, every field) and adds nothing the second time", async () => {
    const project = uid("rt");
    for (let i = 0; i < 3; i++) {
      await postJson("/api/interactions", { prompt: `p${i}`, project, memories_used: ["m1", "m1", "m2"], chunks_used: [i], context_pack: { i, z: [null] } });
    }
    const exported = await (await apiFetch(`/api/interactions/export?project=${project}`)).text();
    // Importing into the same database: all three are already there.
    const again = await runImport([writeTemp("export.jsonl", exported)]);
    expect(again.report).toEqual({ imported: 0, already_present: 3, rejected: [] });

    // A modified copy with fresh ids lands as new rows with the given times and content.
    const copies = exported.trimEnd().split("\n").map((l) => ({ ...JSON.parse(l), id: randomUUID(), project: `${project}-copy` }));
    const file = writeTemp("copy.jsonl", copies.map((c) => JSON.stringify(c)).join("\n") + "\n");
    const first = await runImport([file]);
    expect(first).toEqual({ code: 0, report: { imported: 3, already_present: 0, rejected: [] } });
    for (const c of copies) expect(await get(c.id)).toEqual(c);
    // interaction_uses is filled as for a live capture: distinct ids, the row's created_at.
    expect(await uses(copies[0].id)).toEqual([
      { kind: "chunk", item_id: String(copies[0].chunks_used[0]), created_at: Date.parse(copies[0].created_at) },
      { kind: "memory", item_id: "m1", created_at: Date.parse(copies[0].created_at) },
      { kind: "memory", item_id: "m2", created_at: Date.parse(copies[0].created_at) },
    ]);
    expect((await runImport([file])).report).toEqual({ imported: 0, already_present: 3, rejected: [] });
  });

  it("imports plain capture bodies (no id, no created_at) idempotently", async () => {
    const project = uid("plain");
    const file = writeTemp("plain.jsonl", [{ prompt: "a", project }, { prompt: "b", project, session_id: "s" }].map((b) => JSON.stringify(b)).join("\r\n"));
    const before = Date.now();
    expect((await runImport([file])).report).toEqual({ imported: 2, already_present: 0, rejected: [] });
    expect((await runImport([file])).report).toEqual({ imported: 0, already_present: 2, rejected: [] });
    const { body } = await getJson(`/api/interactions?project=${project}`);
    const rows = (body as { interactions: InteractionRecord[] }).interactions;
    expect(rows.map((r) => r.prompt).sort()).toEqual(["a", "b"]);
    for (const r of rows) expect(Date.parse(r.created_at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("reports each rejected line with its number and reason, and imports the rest", async () => {
    const project = uid("rej");
    const existing = (await (await postJson("/api/interactions", { prompt: "original", project })).json()) as InteractionRecord;
    const ok = randomUUID();
    const lines = [
      JSON.stringify({ id: ok, prompt: "fine", project, created_at: "2024-05-06 07:08:09" }),
      "",
      "{not json",
      JSON.stringify({ prompt: "   ", project }),
      JSON.stringify({ prompt: "x", project, created_at: "2024-02-30T00:00:00Z" }),
      JSON.stringify({ prompt: "x", project, created_at: 1714979289000 }),
      JSON.stringify({ prompt: "x", project, created_at: "2999-01-01T00:00:00Z" }),
      JSON.stringify({ prompt: "x", project, seq: 4 }),
      JSON.stringify({ ...existing, prompt: "changed" }),
      JSON.stringify([1, 2]),
    ];
    const { code, report } = await runImport([writeTemp("rej.jsonl", lines.join("\n"))]);
    expect(code).toBe(2);
    expect(report.imported).toBe(1);
    expect(report.already_present).toBe(0);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const reasons = report.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/^not valid JSON/);
    expect(reasons[1]).toBe("prompt must not be blank");
    expect(reasons[2]).toMatch(/^created_at is not a valid time/);
    expect(reasons[3]).toMatch(/^created_at is not a valid time: 1714979289000/);
    expect(reasons[4]).toMatch(/^created_at is in the future/);
    expect(reasons[5]).toBe("unknown field 'seq'");
    expect(reasons[6]).toMatch(/already exists with different content/);
    expect(reasons[7]).toBe("not a JSON object");
    expect((await get(ok)).created_at).toBe("2024-05-06T07:08:09.000Z");
    expect((await get(existing.id)).prompt).toBe("original");
  });

  it("holds each record and each batch to the API's body limit, never reading an over-long line whole", async () => {
    const project = uid("lim");
    // Japanese text, so multi-byte characters straddle the file stream's 64 KiB chunks.
    const wide = "監査ログの文脈パック。".repeat(3000);
    const lines = [
      { prompt: "small", project },
      { prompt: `too large ${"x".repeat(120_000)}`, project },
      ...Array.from({ length: 5 }, (_, i) => ({ prompt: `wide ${i}`, project, context_pack: { text: wide } })),
      { prompt: "last", project },
    ].map((b) => JSON.stringify(b));
    const { code, report } = await runImport([writeTemp("limit.jsonl", lines.join("\n"))], { MAX_BODY_BYTES: "100000" });
    expect(code).toBe(2);
    expect(report).toEqual({
      imported: 7,
      already_present: 0,
      rejected: [{ line: 2, reason: "larger than the limit of 100000 bytes (MAX_BODY_BYTES), as the API refuses it" }],
    });
    const { body } = await getJson(`/api/interactions?project=${project}&limit=20`);
    const rows = (body as { interactions: InteractionRecord[] }).interactions;
    expect(rows.filter((r) => r.prompt.startsWith("wide")).map((r) => r.context_pack)).toEqual(Array(5).fill({ text: wide }));
  });

  it("prints progress lines with rows and rows/s on stderr when it is not a terminal", async () => {
    const project = uid("progress");
    const { turns } = realisticTurns({ rows: 1200, longSessionTurns: 0, bigPack: false, project, days: 5, now: Date.now(), sessionPrefix: project });
    const file = writeTemp("progress.jsonl", [...turns()].map((t) => JSON.stringify(t)).join("\n") + "\n");
    const r = await runScript("scripts/import.ts", [file, "--json", "--progress-interval", "0.001"], { DATABASE_URL: inject("databaseUrl") });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ imported: 1200, already_present: 0, rejected: [] });
    const lines = r.stderr.trimEnd().split("\n");
    // A line per batch of 300 while it runs (the interval is shorter than any batch), then the final one.
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(line).toMatch(/^importing: [\d,]+ rows in \d+s, [\d,]+ rows\/s, \d+%/);
    expect(lines[0]).toMatch(/^importing: 300 rows .*%, about \S+( \S+)? left$/);
    expect(lines.at(-1)).toMatch(/^importing: 1,200 rows in \d+s, [\d,]+ rows\/s, 100%$/);
    expect(r.stderr).not.toContain("\r");
  });

  it("exits 1 with a message when the file does not exist", async () => {
    const r = await runScript("scripts/import.ts", [path.join(dir, "missing.jsonl")], { DATABASE_URL: inject("databaseUrl") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/import failed: .*missing\.jsonl/);
  });
});

// The reference module's table, as its INSERT and _row_to_interaction imply: text
// columns, JSON as text, created_at as 'YYYY-MM-DD HH:MM:SS' UTC; no NOT NULLs beyond
// the key, so the rows another tool left behind can be as broken as SQLite allows.
const ATOCORE_SCHEMA = `CREATE TABLE interactions (
  id TEXT PRIMARY KEY,
  prompt TEXT,
  context_pack TEXT,
  response_summary TEXT,
  response TEXT,
  memories_used TEXT,
  chunks_used TEXT,
  client TEXT,
  session_id TEXT,
  project TEXT,
  created_at TEXT
)`;

type AtoRow = { id: string; prompt?: string | null; context_pack?: string | null; response_summary?: string | null; response?: string | null; memories_used?: string | null; chunks_used?: string | null; client?: string | null; session_id?: string | null; project?: string | null; created_at?: string | null };

function atocoreDb(rows: AtoRow[]): string {
  const file = path.join(mkdtempSync(path.join(dir, "ato-")), "atocore.db");
  const db = new Database(file);
  db.exec(ATOCORE_SCHEMA);
  const insert = db.prepare(
    `INSERT INTO interactions (id, prompt, context_pack, response_summary, response, memories_used, chunks_used,
       client, session_id, project, created_at)
     VALUES (@id, @prompt, @context_pack, @response_summary, @response, @memories_used, @chunks_used,
       @client, @session_id, @project, @created_at)`,
  );
  for (const r of rows) {
    insert.run({ prompt: "p", context_pack: "{}", response_summary: "", response: "", memories_used: "[]", chunks_used: "[]", client: "", session_id: "", project: "", created_at: "2026-04-01 10:00:00", ...r });
  }
  db.close();
  return file;
}

describe("npm run import -- --atocore atocore.db", { timeout: 90_000 }, () => {
  it("imports faithfully, reading corrupt JSON and NULLs as the reference does, and twice adds nothing", async () => {
    const project = uid("ato");
    const id = () => randomUUID();
    const rows: AtoRow[] = [
      // As the reference writes it: json.dumps(..., ensure_ascii=True).
      { id: id(), prompt: "How do keys rotate?", response: "Monthly.", response_summary: "monthly", client: "claude-code", session_id: "s1", project, memories_used: '["mem-1", "mem-2"]', chunks_used: '["doc#1"]', context_pack: '{"memories": [{"id": "mem-1", "text": "caf\\u00e9"}]}', created_at: "2026-03-31 23:59:59" },
      // Corrupt and mistyped JSON columns read as [] and {}; numbers in lists become text.
      { id: id(), project, memories_used: "[not json", chunks_used: '{"a": 1}', context_pack: '["a list"]' },
      { id: id(), project, memories_used: "[1, 2.5, \"x\"]", chunks_used: "", context_pack: "null" },
      // NULL text columns read as ''.
      { id: id(), project, response: null, response_summary: null, client: null, session_id: null, memories_used: null, chunks_used: null, context_pack: null },
      // Rows that cannot be imported faithfully are reported, not guessed at.
      { id: id(), project, prompt: null },
      { id: id(), project, created_at: null },
      { id: id(), project, created_at: "31/03/2026" },
      { id: "not-a-uuid", project },
    ];
    const file = atocoreDb(rows);
    const first = await runImport(["--atocore", file]);
    expect(first.code).toBe(2);
    expect(first.report.imported).toBe(4);
    expect(first.report.rejected).toEqual([
      { line: 5, reason: "prompt must not be blank" },
      { line: 6, reason: 'created_at is not a valid time: ""' },
      { line: 7, reason: 'created_at is not a valid time: "31/03/2026"' },
      { line: 8, reason: "id must be a UUID" },
    ]);

    expect(await get(rows[0].id)).toEqual({
      id: rows[0].id,
      prompt: "How do keys rotate?",
      response: "Monthly.",
      response_summary: "monthly",
      project,
      client: "claude-code",
      session_id: "s1",
      memories_used: ["mem-1", "mem-2"],
      chunks_used: ["doc#1"],
      context_pack: { memories: [{ id: "mem-1", text: "café" }] },
      created_at: "2026-03-31T23:59:59.000Z",
      response_added_at: null,
      occurred_at: null,
    });
    expect((await uses(rows[0].id)).map((u) => `${u.kind}:${u.item_id}`)).toEqual(["chunk:doc#1", "memory:mem-1", "memory:mem-2"]);
    expect(await get(rows[1].id)).toMatchObject({ memories_used: [], chunks_used: [], context_pack: {} });
    expect(await get(rows[2].id)).toMatchObject({ memories_used: ["1", "2.5", "x"], chunks_used: [], context_pack: {} });
    expect(await get(rows[3].id)).toMatchObject({ response: "", response_summary: "", client: "", session_id: "", memories_used: [], chunks_used: [], context_pack: {}, created_at: "2026-04-01T10:00:00.000Z" });

    const second = await runImport(["--atocore", file]);
    expect(second.report.imported).toBe(0);
    expect(second.report.already_present).toBe(4);
    expect(second.report.rejected).toHaveLength(4);
    expect(await withDb((db) => db.get(Prisma.sql`SELECT count(*) AS n FROM interactions WHERE project = ${project}`))).toEqual({ n: 4 });
  });

  it("refuses a database without the reference's interactions table", async () => {
    const file = path.join(mkdtempSync(path.join(dir, "bad-")), "other.db");
    const db = new Database(file);
    db.exec("CREATE TABLE interactions (id TEXT, prompt TEXT)");
    db.close();
    const r = await runScript("scripts/import.ts", ["--atocore", file], { DATABASE_URL: inject("databaseUrl") });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lacks column\(s\) context_pack, response_summary/);
  });
});
