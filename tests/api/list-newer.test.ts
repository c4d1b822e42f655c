import { describe, expect, it } from "vitest";
import { InteractionListSchema } from "@/lib/interactions/schema";
import { getJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";

async function list(query: Record<string, string>) {
  const { status, body } = await getJson(`/api/interactions?${new URLSearchParams(query)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return InteractionListSchema.parse(body);
}

describe("GET /api/interactions: range and after", () => {
  it("after pages back towards the present, and the newest page when fewer rows are newer", async () => {
    const project = uid("newer");
    const now = Date.now();
    // Six rows, one minute apart, the newest a minute ago; ids in capture order.
    const ids = await insertDirect(Array.from({ length: 6 }, (_, i) => ({ project, prompt: `r${i}`, created_at: now - (6 - i) * 60_000 })));
    const newest = [...ids].reverse();
    const p1 = await list({ project, limit: "2" });
    const p2 = await list({ project, limit: "2", cursor: p1.next_cursor! });
    const p3 = await list({ project, limit: "2", cursor: p2.next_cursor! });
    expect([p1, p2, p3].flatMap((p) => p.interactions.map((i) => i.id))).toEqual(newest);

    // p2's next_cursor names its last row (newest[3]); the two rows just newer than it.
    const back = await list({ project, limit: "2", after: p2.next_cursor! });
    expect(back.interactions.map((i) => i.id)).toEqual(newest.slice(1, 3));
    expect(back.next_cursor).not.toBeNull();

    // Fewer than a page of newer rows: the newest page.
    const top = await list({ project, limit: "4", after: p2.next_cursor! });
    expect(top.interactions.map((i) => i.id)).toEqual(newest.slice(0, 4));
  });

  it("range keeps only the recent rows; an unknown range or cursor with after is a 400", async () => {
    const project = uid("range");
    const now = Date.now();
    await insertDirect([
      { project, prompt: "recent", created_at: now - 10 * 60_000 },
      { project, prompt: "yesterday", created_at: now - 30 * 3_600_000 },
    ]);
    expect((await list({ project, range: "1h" })).interactions.map((i) => i.prompt)).toEqual(["recent"]);
    expect((await list({ project, range: "7d" })).interactions).toHaveLength(2);
    expect((await getJson(`/api/interactions?range=2w`)).status).toBe(400);
  });
});
