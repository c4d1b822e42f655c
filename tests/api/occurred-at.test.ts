import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BatchResultSchema } from "@/lib/interactions/batch-schema";
import { InteractionListSchema, InteractionRecordSchema, type InteractionRecord } from "@/lib/interactions/schema";
import { InteractionPackDiffSchema, SessionTurnsWindowSchema } from "@/lib/sessions/schema";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { runScript } from "../helpers/run-script";

// occurred_at: the client's time of a turn, beside the server's created_at. Accepted forms and
// refusals, retries, batch and import, and the order of a session whose spooled turn arrived late.

const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

async function capture(body: Record<string, unknown>, status = 201): Promise<InteractionRecord> {
  const res = await postJson("/api/interactions", body);
  expect(res.status).toBe(status);
  return InteractionRecordSchema.parse(await res.json());
}

async function listed(project: string): Promise<InteractionRecord[]> {
  return InteractionListSchema.parse((await getJson(`/api/interactions?project=${project}`)).body).interactions;
}

describe("occurred_at on a capture", () => {
  it("stores the client's time in UTC beside created_at, and null when absent", async () => {
    const project = uid("occ");
    const withTime = await capture({ prompt: "spooled", project, occurred_at: "2026-12-06T09:30:15.123456+09:00" });
    expect(withTime.occurred_at).toBe("2026-12-06T00:30:15.123Z");
    expect(Date.parse(withTime.created_at)).toBeGreaterThan(Date.parse(withTime.occurred_at!));
    const without = await capture({ prompt: "live", project });
    expect(without.occurred_at).toBeNull();
    const nullTime = await capture({ prompt: "null said", project, occurred_at: null });
    expect(nullTime.occurred_at).toBeNull();
    expect((await getJson(`/api/interactions/${withTime.id}`)).body).toEqual(withTime);
    // The list keeps created_at order (newest arrival first) and carries the field.
    expect((await listed(project)).map((r) => [r.prompt, r.occurred_at])).toEqual([
      ["null said", null],
      ["live", null],
      ["spooled", "2026-12-06T00:30:15.123Z"],
    ]);
  });

  it("accepts up to 5 minutes ahead of the server's clock", async () => {
    const soon = iso(Date.now() + 2 * MIN);
    expect((await capture({ prompt: "clock a bit fast", project: uid("fast"), occurred_at: soon })).occurred_at).toBe(soon);
  });

  const refused: Record<string, unknown> = {
    "more than 5 minutes in the future": iso(Date.now() + 10 * MIN),
    "no zone": "2026-12-06T09:30:15",
    "a date alone": "2026-12-06",
    "a day that does not exist": "2026-02-30T00:00:00Z",
    "an hour that does not exist": "2026-12-06T24:00:00Z",
    "an offset that does not exist": "2026-12-06T09:30:15+25:00",
    "no seconds": "2026-12-06T09:30Z",
    "not a time": "yesterday",
    "epoch ms": 1_765_000_000_000,
    "before 1970": "1969-12-31T23:59:59Z",
    "an empty string": "",
  };
  it.each(Object.entries(refused))("refuses %s with 400 validation_failed and stores nothing", async (_name, occurred_at) => {
    const project = uid("refused");
    const body = await expectError(await postJson("/api/interactions", { prompt: "p", project, occurred_at }), 400, "validation_failed");
    expect(body.error.issues).toEqual([expect.objectContaining({ path: ["occurred_at"] })]);
    expect(await listed(project)).toEqual([]);
  });

  it("compares occurred_at on a retried id: the same instant is a duplicate, another a conflict", async () => {
    const id = randomUUID();
    const project = uid("retry");
    const first = await capture({ id, prompt: "p", project, occurred_at: "2026-12-06T01:00:00Z" });
    // The same instant written with an offset is the same turn.
    expect(await capture({ id, prompt: "p", project, occurred_at: "2026-12-06T02:00:00.000+01:00" }, 200)).toEqual(first);
    await expectError(await postJson("/api/interactions", { id, prompt: "p", project, occurred_at: "2026-12-06T01:00:01Z" }), 409, "conflict");
    await expectError(await postJson("/api/interactions", { id, prompt: "p", project }), 409, "conflict");
    const plain = randomUUID();
    await capture({ id: plain, prompt: "p", project });
    await expectError(await postJson("/api/interactions", { id: plain, prompt: "p", project, occurred_at: iso(Date.now()) }), 409, "conflict");
    expect((await listed(project)).length).toBe(2);
  });

  it("is accepted per item by the batch, and refused per item", async () => {
    const project = uid("batch");
    const res = await postJson("/api/interactions/batch", {
      interactions: [
        { prompt: "a", project, occurred_at: "2026-12-05T23:59:59.5-00:30" },
        { prompt: "b", project, occurred_at: iso(Date.now() + 60 * MIN) },
        { prompt: "c", project },
      ],
    });
    expect(res.status).toBe(200);
    const { results } = BatchResultSchema.parse(await res.json());
    expect(results.map((r) => r.status)).toEqual(["created", "error", "created"]);
    expect(results[1].error).toMatchObject({ code: "validation_failed", issues: [{ path: ["occurred_at"] }] });
    const rows = await listed(project);
    expect(Object.fromEntries(rows.map((r) => [r.prompt, r.occurred_at]))).toEqual({ a: "2026-12-06T00:29:59.500Z", c: null });
  });
});

describe("a session whose spooled turn arrived late", () => {
  // Turns 1 and 3 happened and arrived live; turn 2 was spooled and arrived after turn 3
  // (and 4 says no time at all, so it is placed by its arrival).
  async function lateSession() {
    const session_id = uid("late");
    const now = Date.now();
    const pack = (ids: string[]) => ({ memories: ids.map((id) => ({ id, text: `text of ${id}` })) });
    const one = await capture({ prompt: "turn one", session_id, occurred_at: iso(now - 30 * MIN), context_pack: pack(["m1"]) });
    const three = await capture({ prompt: "turn three", session_id, occurred_at: iso(now - 10 * MIN), context_pack: pack(["m1", "m2", "m3"]) });
    const two = await capture({ prompt: "turn two", session_id, occurred_at: iso(now - 20 * MIN), context_pack: pack(["m1", "m2"]) });
    const four = await capture({ prompt: "turn four", session_id });
    return { session_id, ordered: [one, two, three, four], arrived: [one, three, two, four] };
  }

  it("orders the session's turns by when they happened, and lists by arrival", async () => {
    const { session_id, ordered, arrived } = await lateSession();
    const ids = ordered.map((t) => t.id);
    const detail = (await getJson(`/api/sessions/${session_id}`)).body as { turns: { id: string; turn: number }[] };
    expect(detail.turns.map((t) => [t.id, t.turn])).toEqual(ids.map((id, i) => [id, i + 1]));
    // Paging the session with a cursor keeps that order and those numbers.
    const page1 = (await getJson(`/api/sessions/${session_id}?limit=2`)).body as { turns: { id: string; turn: number }[]; next_cursor: string };
    const page2 = (await getJson(`/api/sessions/${session_id}?limit=2&cursor=${page1.next_cursor}`)).body as { turns: { id: string; turn: number }[] };
    expect([...page1.turns, ...page2.turns].map((t) => [t.id, t.turn])).toEqual(ids.map((id, i) => [id, i + 1]));

    const window = SessionTurnsWindowSchema.parse((await getJson(`/api/sessions/${session_id}/turns?from=2&limit=2`)).body);
    expect(window.turns.map((t) => [t.id, t.turn])).toEqual([[ids[1], 2], [ids[2], 3]]);
    expect(window.turns[0].previous_at).toBe(ordered[0].occurred_at);
    // The pack diff's previous turn is the one that happened before: two (m1, m2) before three.
    expect(window.turns[1].pack_diff!.items.map((i) => [i.change, i.id])).toEqual([["entered", "m3"]]);
    const diff = InteractionPackDiffSchema.parse((await getJson(`/api/interactions/${ids[2]}/pack-diff`)).body);
    expect(diff).toMatchObject({ turn: 3, previous_turn: 2, previous_id: ids[1] });

    const list = InteractionListSchema.parse((await getJson(`/api/interactions?session_id=${session_id}`)).body).interactions;
    expect(list.map((r) => r.id)).toEqual(arrived.map((t) => t.id).reverse());
  });

  it("says in the session export when a turn arrived later than it happened; the exports carry occurred_at", async () => {
    const { session_id, ordered } = await lateSession();
    const md = await (await apiFetch(`/api/sessions/${session_id}/export?format=md`)).text();
    const headings = md.split("\n").filter((l) => l.startsWith("## Turn"));
    expect(headings.map((h) => /arrived \d+(\.\d)? min later/.test(h))).toEqual([true, true, true, false]);
    expect(headings[1]).toContain(`## Turn 2 · ${ordered[1].occurred_at}`);
    const json = (await (await apiFetch(`/api/sessions/${session_id}/export?format=json`)).json()) as { turns: InteractionRecord[] };
    expect(json.turns.map((t) => t.occurred_at)).toEqual(ordered.map((t) => t.occurred_at));
    const jsonl = await (await apiFetch(`/api/interactions/export?session_id=${session_id}`)).text();
    const exported = jsonl.trimEnd().split("\n").map((l) => InteractionRecordSchema.parse(JSON.parse(l)));
    expect(new Set(exported.map((r) => r.occurred_at))).toEqual(new Set(ordered.map((t) => t.occurred_at)));
  });
});

describe("npm run import with occurred_at", { timeout: 90_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-audit-occ-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports occurred_at, refuses a future one as a rejected line, and round-trips an export", async () => {
    const project = uid("imp");
    const lines = [
      { prompt: "a", project, occurred_at: "2026-11-30T08:00:00+02:00", created_at: "2026-11-30T06:05:00Z" },
      { prompt: "b", project, occurred_at: iso(Date.now() + 60 * MIN) },
      { prompt: "c", project },
    ];
    const file = path.join(dir, "occ.jsonl");
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const run = await runScript("scripts/import.ts", [file, "--json"], { DATABASE_URL: inject("databaseUrl") });
    // One line is refused: the import exits 2 after importing the rest.
    expect(run.code, run.stderr).toBe(2);
    const report = JSON.parse(run.stdout) as { imported: number; rejected: { line: number; reason: string }[] };
    expect(report.imported).toBe(2);
    expect(report.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/occurred_at is more than 5 minutes ahead/) }]);
    const rows = await listed(project);
    expect(rows.map((r) => [r.prompt, r.occurred_at, r.created_at])).toEqual([
      ["c", null, expect.any(String)],
      ["a", "2026-11-30T06:00:00.000Z", "2026-11-30T06:05:00.000Z"],
    ]);
    // An export imported as copies keeps every field, occurred_at included.
    const exported = await (await apiFetch(`/api/interactions/export?project=${project}`)).text();
    const copies = exported.trimEnd().split("\n").map((l) => ({ ...JSON.parse(l), id: randomUUID(), project: `${project}-copy` }));
    writeFileSync(file, copies.map((c) => JSON.stringify(c)).join("\n") + "\n");
    await runScript("scripts/import.ts", [file, "--json"], { DATABASE_URL: inject("databaseUrl") });
    for (const c of copies) expect((await getJson(`/api/interactions/${c.id}`)).body).toEqual(c);
  });
});
