import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { apiFetch, getJson, postJson, uid } from "../helpers/api";
import { parseCsv } from "../helpers/csv";
import { ErrorBodySchema } from "../helpers/schemas";
import { runScript } from "../helpers/run-script";

// The memory audit over HTTP: figures after captures, batches, completions and imports; drift
// (text changed, scores ignored); sorts, filters and keyset pages; the reports and exports.
// The server is shared with other files, so every id and project here is unique.

const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-audit-mem-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Figures = { id: string; offered: number; used: number; use_rate: number | null; used_unoffered: number; first_seen: string; last_seen: string; projects: string[]; versions: number };

const memory = (id: string, text: string, score = Math.random()) => ({ id, text, score, rank: Math.floor(score * 10) });
const pack = (memories: object[], chunks: object[] = []) => ({ query: "q", memories, chunks });

async function capture(body: Record<string, unknown>): Promise<string> {
  const res = await postJson("/api/interactions", { prompt: uid("p"), ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function ok<T>(p: string): Promise<T> {
  const { status, body } = await getJson(p);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as T;
}

const detail = (kind: "memories" | "chunks", id: string) => ok<Omit<Figures, "versions"> & { version_count: number; versions: { content: string; first_seen: string; last_seen: string; interactions: number }[] }>(`/api/${kind}/${encodeURIComponent(id)}`);

describe("memory audit API", () => {
  it("counts offers and uses from captures, batches and imports; a completion changes nothing", async () => {
    const project = uid("mp");
    const [m1, m2, ghost, c1] = [uid("m1"), uid("m2"), uid("ghost"), uid("c1")];
    const a = await capture({ project, client: "claude-code", memories_used: [m1], context_pack: pack([memory(m1, "alpha"), memory(m2, "beta")]) });
    const batch = await postJson("/api/interactions/batch", {
      interactions: [
        { prompt: "b1", project, client: "openclaw", memories_used: [m1, ghost], chunks_used: [c1], context_pack: pack([memory(m1, "alpha")], [{ chunk_id: c1, text: "chunk" }]) },
        { prompt: "b2", project, client: "openclaw", context_pack: pack([memory(m2, "beta")]) },
      ],
    });
    expect(batch.status, await batch.clone().text()).toBeLessThan(300);
    const patched = await apiFetch(`/api/interactions/${a}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ response: "done" }) });
    expect(patched.status).toBe(200);

    const file = path.join(dir, `${uid("imp")}.jsonl`);
    const imported = { id: randomUUID(), prompt: "imported", project, client: "manual", session_id: "", response: "", response_summary: "", memories_used: [m2], chunks_used: [], context_pack: pack([memory(m2, "beta")]), created_at: "2026-01-02T03:04:05.000Z" };
    writeFileSync(file, JSON.stringify(imported) + "\n");
    const run = await runScript("scripts/import.ts", [file, "--json"], { DATABASE_URL: inject("databaseUrl") });
    expect(run.code, run.stderr).toBe(0);

    expect(await detail("memories", m1)).toMatchObject({ id: m1, offered: 2, used: 2, use_rate: 1, used_unoffered: 0, projects: [project], version_count: 1 });
    const d2 = await detail("memories", m2);
    expect(d2).toMatchObject({ offered: 3, used: 1, used_unoffered: 0, version_count: 1, first_seen: "2026-01-02T03:04:05.000Z" });
    expect(d2.use_rate).toBeCloseTo(1 / 3, 12);
    expect(await detail("memories", ghost)).toMatchObject({ offered: 0, used: 1, use_rate: null, used_unoffered: 1, versions: [] });
    expect(await detail("chunks", c1)).toMatchObject({ offered: 1, used: 1 });
    // The same id as the other kind is another item.
    const unknown = await getJson(`/api/chunks/${encodeURIComponent(m1)}`);
    expect(unknown.status).toBe(404);
    expect(ErrorBodySchema.parse(unknown.body).error.code).toBe("not_found");

    // Filters: by project and client sum the matching interactions only.
    const byClient = await ok<{ items: Figures[] }>(`/api/memories?project=${project}&client=openclaw&sort=offered`);
    // offered desc, then id desc: m2 and m1 tie at one offer.
    expect(byClient.items.map((i) => [i.id, i.offered, i.used])).toEqual([
      [m2, 1, 0],
      [m1, 1, 1],
      [ghost, 0, 1],
    ]);
    const since = await ok<{ items: Figures[] }>(`/api/memories?project=${project}&until=2026-06-01`);
    expect(since.items.map((i) => i.id)).toEqual([m2]);
    // The import script starts a process of its own, slow on a loaded machine.
  }, 120_000);

  // On SQLite an import leaves the index to folds of 1,000 interactions (lib/import/item-index-during-import.ts).
  it("counts every turn of an import longer than one fold", async () => {
    const project = uid("bulk");
    const [m, c] = [uid("m"), uid("c")];
    const turns = Array.from({ length: 2_345 }, (_, i) => ({
      id: randomUUID(),
      prompt: `bulk ${i}`,
      project,
      client: "manual",
      memories_used: i % 3 === 0 ? [m] : [],
      chunks_used: [],
      context_pack: pack([memory(m, "steady")], [{ chunk_id: c, text: `chunk ${i % 2}` }]),
      created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    }));
    const file = path.join(dir, `${uid("bulk")}.jsonl`);
    writeFileSync(file, turns.map((t) => JSON.stringify(t)).join("\n") + "\n");
    const run = await runScript("scripts/import.ts", [file, "--json"], { DATABASE_URL: inject("databaseUrl") });
    expect(run.code, run.stderr).toBe(0);
    expect(await detail("memories", m)).toMatchObject({ offered: 2_345, used: 782, version_count: 1, last_seen: turns.at(-1)!.created_at });
    expect(await detail("chunks", c)).toMatchObject({ offered: 2_345, used: 0, version_count: 2, first_seen: turns[0].created_at });
  }, 120_000);

  // On SQLite the server indexes captures after they are acknowledged (lib/db/sqlite/item-index-fold.ts);
  // a read made at once must still count every one.
  it("counts every capture of a burst in a read made right after it", async () => {
    const project = uid("burst");
    const [m, c] = [uid("m"), uid("c")];
    await Promise.all(Array.from({ length: 60 }, (_, i) => capture({ project, memories_used: i % 3 === 0 ? [m] : [], context_pack: pack([memory(m, "steady")], [{ chunk_id: c, text: `chunk ${i % 2}` }]) })));
    expect(await detail("memories", m)).toMatchObject({ offered: 60, used: 20, version_count: 1 });
    expect(await detail("chunks", c)).toMatchObject({ offered: 60, used: 0, version_count: 2 });
    const list = await ok<{ items: Figures[] }>(`/api/chunks?project=${project}`);
    expect(list.items.map((i) => [i.id, i.offered, i.versions])).toEqual([[c, 60, 2]]);
  }, 60_000);

  it("tells drift from a score change, versions oldest first with their interactions", async () => {
    const id = uid("drift");
    const project = uid("dp");
    await capture({ project, context_pack: pack([memory(id, "deploys run on Fridays", 0.9)]) });
    await capture({ project, context_pack: pack([memory(id, "deploys run on Fridays", 0.1)]) });
    await capture({ project, memories_used: [id], context_pack: pack([memory(id, "deploys run on Thursdays", 0.5)]) });
    const d = await detail("memories", id);
    expect(d.version_count).toBe(2);
    expect(d.versions.map((v) => [JSON.parse(v.content).text, v.interactions])).toEqual([
      ["deploys run on Fridays", 2],
      ["deploys run on Thursdays", 1],
    ]);
    expect(JSON.parse(d.versions[0].content)).not.toHaveProperty("score");
    expect(d.versions[0].first_seen <= d.versions[1].first_seen).toBe(true);
    const drifting = await ok<{ items: Figures[] }>(`/api/memories?project=${project}&min_versions=2`);
    expect(drifting.items.map((i) => [i.id, i.versions])).toEqual([[id, 2]]);
    // Unfiltered, through item_stats: the shared server holds other tests' drifting items too,
    // so the item is looked for page by page.
    let found: Figures | undefined;
    for (let cursor: string | null = "", pages = 0; cursor !== null && !found && pages < 100; pages++) {
      const page: { items: Figures[]; next_cursor: string | null } = await ok(`/api/memories?min_versions=2&sort=versions&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      found = page.items.find((i) => i.id === id);
      cursor = page.next_cursor;
    }
    expect(found?.versions).toBe(2);
  });

  it("sorts descending and pages by keyset without gaps or repeats", async () => {
    const project = uid("sp");
    const ids = Array.from({ length: 7 }, (_, i) => `${uid("s")}-${i}`);
    for (let k = 0; k < 7; k++) {
      await capture({ project, memories_used: ids.slice(0, k % 3), context_pack: pack(ids.slice(0, k + 1).map((m) => memory(m, `text ${m}`))) });
    }
    for (const sort of ["offered", "used", "use_rate", "last_seen", "versions"]) {
      const seen: Figures[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Figures[]; next_cursor: string | null } = await ok(`/api/memories?project=${project}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      expect(new Set(seen.map((i) => i.id))).toEqual(new Set(ids));
      const key = (i: Figures) => (sort === "last_seen" ? Date.parse(i.last_seen) : sort === "use_rate" ? (i.use_rate ?? -1) : i[sort as "offered"]);
      for (let k = 1; k < seen.length; k++) expect(key(seen[k - 1])).toBeGreaterThanOrEqual(key(seen[k]));
    }
    // The unfiltered list pages the same way.
    const first = await ok<{ items: Figures[]; next_cursor: string }>(`/api/memories?sort=use_rate&limit=2`);
    const second = await ok<{ items: Figures[] }>(`/api/memories?sort=use_rate&limit=2&cursor=${first.next_cursor}`);
    expect(second.items.some((i) => first.items.some((f) => f.id === i.id))).toBe(false);
  });

  it("exports the noise and gap reports as CSV and JSONL", async () => {
    const noisy = uid("noisy");
    const gap = uid("gap");
    for (let k = 0; k < 3; k++) await capture({ context_pack: pack([memory(noisy, "never used")]) });
    await capture({ memories_used: [gap], context_pack: pack([]) });
    const jsonl = await apiFetch(`/api/reports/memories?kind=noise&min_offered=3&format=jsonl`);
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get("content-type")).toContain("application/x-ndjson");
    const rows = (await jsonl.text()).trim().split("\n").map((l) => JSON.parse(l) as Figures);
    expect(rows.find((r) => r.id === noisy)).toMatchObject({ offered: 3, used: 0 });
    expect(rows.every((r) => r.used === 0 && r.offered >= 3)).toBe(true);
    expect(rows.some((r) => r.id === gap)).toBe(false);

    const csv = await apiFetch(`/api/reports/memories?kind=gaps&format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const table = parseCsv(await csv.text());
    expect(table[0]).toEqual(["id", "offered", "used", "use_rate", "used_unoffered", "first_seen", "last_seen", "versions"]);
    expect(table.find((r) => r[0] === gap)?.slice(1, 5)).toEqual(["0", "1", "", "1"]);
    expect(table.some((r) => r[0] === noisy)).toBe(false);
  });

  it("answers every bad parameter at once with 400", async () => {
    const { status, body } = await getJson(`/api/memories?sort=size&min_versions=-1&since=yesterday&limit=x&cursor=zz!&extra=1`);
    expect(status).toBe(400);
    const issues = ErrorBodySchema.parse(body).error.issues ?? [];
    expect(issues.map((i) => String(i.path[0]))).toEqual(expect.arrayContaining(["sort", "min_versions", "since", "limit", "cursor"]));
    expect(JSON.stringify(issues)).toContain("extra");
    for (const q of ["kind=other", "kind=noise&format=xml", "kind=noise&min_offered=a", ""]) {
      const r = await getJson(`/api/reports/chunks?${q}`);
      expect(r.status, q).toBe(400);
    }
  });
});
