import { describe, expect, it } from "vitest";
import { InteractionRecordSchema, type InteractionRecord } from "@/lib/interactions/schema";
import { ErrorBodySchema } from "../helpers/schemas";
import { apiFetch, getJson, postJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";
import { parseCsv } from "../helpers/csv";

async function exportText(query: Record<string, string>) {
  const res = await apiFetch(`/api/interactions/export?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return { res, text: await res.text() };
}

async function exportJsonl(query: Record<string, string>): Promise<InteractionRecord[]> {
  const { text } = await exportText({ ...query, format: "jsonl" });
  return text === "" ? [] : text.trimEnd().split("\n").map((l) => InteractionRecordSchema.parse(JSON.parse(l)));
}

const T0 = Date.UTC(2026, 1, 1);

describe("GET /api/interactions/export", () => {
  it("exports every field of every matching row as JSONL, newest first, as the API returns them", async () => {
    const project = uid("exp");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postJson("/api/interactions", {
        prompt: `line one ${i}\nline "two"`,
        project,
        client: "claude-code",
        memories_used: ["m1", "m2"],
        context_pack: { nested: { a: [1, null, "x"] }, i },
      });
      ids.unshift((await res.json()).id);
      await new Promise((r) => setTimeout(r, 2));
    }
    const { res } = await exportText({ project, format: "jsonl" });
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="atocore-audit-${project}-\\d{8}T\\d{6}Z\\.jsonl"$`),
    );
    const exported = await exportJsonl({ project });
    expect(exported.map((r) => r.id)).toEqual(ids);
    for (const r of exported) expect(r).toEqual((await getJson(`/api/interactions/${r.id}`)).body);
  });

  it("streams across batch boundaries without skipping or repeating rows that share a timestamp", async () => {
    const project = uid("big");
    // 1,234 rows, many sharing one millisecond: batches of 500 must break ties by seq.
    const ids = await insertDirect(Array.from({ length: 1234 }, (_, i) => ({ project, created_at: T0 + Math.floor(i / 7) })));
    const exported = await exportJsonl({ project });
    expect(exported).toHaveLength(1234);
    expect(new Set(exported.map((r) => r.id))).toEqual(new Set(ids));
    // Newest first, ties in reverse capture order: the reverse of insertion order here.
    expect(exported.map((r) => r.id)).toEqual([...ids].reverse());
  });

  it("applies a full-text search exactly as the list does", async () => {
    const project = uid("fts");
    const word = `zebra${uid("w").replace(/[^a-z0-9]/gi, "")}`;
    const matching: string[] = [];
    for (const prompt of [`about ${word} stripes`, "nothing here", `more ${word}`]) {
      const res = await postJson("/api/interactions", { prompt, project });
      if (prompt.includes(word)) matching.unshift((await res.json()).id);
      await new Promise((r) => setTimeout(r, 2));
    }
    const listed = (await getJson(`/api/interactions?project=${project}&q=${word}`)).body as { interactions: InteractionRecord[] };
    expect(listed.interactions.map((r) => r.id)).toEqual(matching);
    expect((await exportJsonl({ project, q: word })).map((r) => r.id)).toEqual(matching);
  });

  it("applies the list's filters and ignores limit and cursor", async () => {
    const project = uid("flt");
    const [a, b] = await insertDirect([
      { project, client: "x", created_at: T0 },
      { project, client: "x", created_at: T0 + 86_400_000 },
      { project, client: "y", created_at: T0 + 86_400_000 },
    ]);
    const q = { project, client: "x", since: "2026-02-01", until: "2026-02-03", limit: "1" };
    expect((await exportJsonl(q)).map((r) => r.id)).toEqual([b, a]);
    expect((await exportJsonl({ ...q, since: "2026-02-01T12:00:00Z" })).map((r) => r.id)).toEqual([b]);
    // Paging parameters do not apply to an export, even malformed ones.
    expect((await exportJsonl({ ...q, cursor: "garbage", after: "garbage" })).map((r) => r.id)).toEqual([b, a]);
    expect(await exportJsonl({ project: uid("none") })).toEqual([]);
    // The list's relative range applies too.
    const [recent] = await insertDirect([{ project, client: "x", created_at: Date.now() - 60_000 }]);
    expect((await exportJsonl({ project, range: "24h" })).map((r) => r.id)).toEqual([recent]);
  });

  it("exports RFC 4180 CSV with lists and pack as JSON, and neutralises formula cells", async () => {
    const project = uid("csv");
    const [id] = await insertDirect([
      {
        project,
        prompt: '=HYPERLINK("http://evil","x"), then\r\nmore',
        response: "+1 and, a comma",
        response_summary: "@SUM(A1)",
        client: "-2",
        session_id: "\tTAB",
        memories_used: '["m,1","m\\"2"]',
        context_pack: '{"k":"v, \\"q\\""}',
        created_at: T0,
      },
    ]);
    const { res, text } = await exportText({ project, format: "csv" });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toMatch(/filename="atocore-audit-.*\.csv"$/);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, row, ...rest] = parseCsv(text);
    expect(rest).toEqual([]);
    expect(header).toEqual([
      "id", "created_at", "occurred_at", "project", "client", "session_id", "prompt", "response",
      "response_summary", "memories_used", "chunks_used", "context_pack",
    ]);
    const cell = Object.fromEntries(header.map((h, i) => [h, row[i]]));
    expect(cell).toEqual({
      id,
      created_at: new Date(T0).toISOString(),
      occurred_at: "",
      project,
      client: "'-2",
      session_id: "'\tTAB",
      prompt: `'=HYPERLINK("http://evil","x"), then\r\nmore`,
      response: "'+1 and, a comma",
      response_summary: "'@SUM(A1)",
      memories_used: '["m,1","m\\"2"]',
      chunks_used: "[]",
      context_pack: '{"k":"v, \\"q\\""}',
    });
  });

  it("answers 400 for an unknown format or a bad filter, with the error envelope", async () => {
    for (const query of ["format=xml", "format=", "format=csv&since=yesterday"]) {
      const res = await apiFetch(`/api/interactions/export?${query}`);
      expect(res.status).toBe(400);
      expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("validation_failed");
    }
  });

  it("defaults to JSONL", async () => {
    const project = uid("def");
    await insertDirect([{ project, created_at: T0 }]);
    const res = await apiFetch(`/api/interactions/export?project=${project}`);
    expect(res.headers.get("content-type")).toMatch(/ndjson/);
    expect((await res.text()).trimEnd().split("\n")).toHaveLength(1);
  });
});
