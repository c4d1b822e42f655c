import { describe, expect, it } from "vitest";
import { InteractionListSchema } from "@/lib/interactions/schema";
import { ErrorBodySchema } from "../helpers/schemas";
import { getJson, postJson, uid } from "../helpers/api";

async function list(path: string) {
  const { status, body } = await getJson(path);
  expect(status, JSON.stringify(body)).toBe(200);
  return InteractionListSchema.parse(body);
}

async function capture(body: Record<string, unknown>) {
  const res = await postJson("/api/interactions", { prompt: uid("use"), ...body });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  await new Promise((r) => setTimeout(r, 2));
  return id as string;
}

describe("reverse lookup: GET /api/{memories,chunks}/{id}/interactions", () => {
  it("lists the interactions that used a memory, newest first, filterable and paged", async () => {
    const mem = `${uid("mem")}/with #odd chars`;
    const other = uid("mem");
    const project = uid("rp");
    const a = await capture({ project, client: "claude-code", memories_used: [mem, mem] });
    const b = await capture({ project, client: "openclaw", memories_used: [other, mem] });
    await capture({ project, memories_used: [other], chunks_used: [mem] });
    const c = await capture({ project: uid("rp2"), client: "claude-code", memories_used: [mem] });
    const path = `/api/memories/${encodeURIComponent(mem)}/interactions`;

    expect((await list(path)).interactions.map((i) => i.id)).toEqual([c, b, a]);
    expect((await list(`${path}?project=${project}`)).interactions.map((i) => i.id)).toEqual([b, a]);
    expect((await list(`${path}?client=claude-code`)).interactions.map((i) => i.id)).toEqual([c, a]);
    expect((await list(`${path}?until=2000-01-01`)).interactions).toEqual([]);

    const first = await list(`${path}?limit=2`);
    expect(first.interactions.map((i) => i.id)).toEqual([c, b]);
    const second = await list(`${path}?limit=2&cursor=${first.next_cursor}`);
    expect(second.interactions.map((i) => i.id)).toEqual([a]);
    expect(second.next_cursor).toBeNull();
    // The same id as a chunk is another item.
    expect((await list(`/api/chunks/${encodeURIComponent(mem)}/interactions`)).interactions).toHaveLength(1);
  });

  it("answers an empty list for an id nobody used", async () => {
    expect(await list(`/api/chunks/${uid("never")}/interactions`)).toEqual({ interactions: [], next_cursor: null });
  });

  it("refuses bad filters and q with 400", async () => {
    for (const query of ["since=yesterday", "limit=abc", "cursor=zzz", "q=x"]) {
      const { status, body } = await getJson(`/api/memories/m1/interactions?${query}`);
      expect(status).toBe(400);
      expect(ErrorBodySchema.parse(body).error.code).toBe("validation_failed");
    }
  });
});
