import { describe, expect, it } from "vitest";
import { InteractionListSchema } from "@/lib/interactions/schema";
import { SessionListSchema } from "@/lib/sessions/schema";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";

// The lists' review filters and column: GET /api/interactions and GET /api/sessions take
// review=unreviewed|ok|problem|question and label=, and each record carries its current verdict.

async function capture(body: Record<string, unknown>) {
  const res = await postJson("/api/interactions", { prompt: uid("list-turn"), context_pack: { memories: [{ id: "m" }] }, ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const review = async (path: string, body: Record<string, unknown>) => {
  const res = await postJson(path, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const interactions = async (q: string) => {
  const { status, body } = await getJson(`/api/interactions?${q}`);
  expect(status).toBe(200);
  return InteractionListSchema.parse(body).interactions;
};
const sessions = async (q: string) => {
  const { status, body } = await getJson(`/api/sessions?${q}`);
  expect(status).toBe(200);
  return SessionListSchema.parse(body).sessions;
};

describe("review filters on the lists", () => {
  it("filters interactions by current verdict and label, and shows the verdict on each record", async () => {
    const project = uid("lists");
    const [a, b, c, d] = [await capture({ project }), await capture({ project }), await capture({ project }), await capture({ project })];
    const first = await review(`/api/interactions/${a}/reviews`, { verdict: "ok" });
    await review(`/api/interactions/${b}/reviews`, { verdict: "question", labels: ["pii"] });
    // A pack-item problem makes the turn's current verdict problem (the most severe current one).
    await review(`/api/interactions/${c}/reviews`, { verdict: "ok" });
    await review(`/api/interactions/${c}/reviews`, { verdict: "problem", pointer: "/memories/0", labels: ["stale-memory"] });
    const ids = async (q: string) => (await interactions(`project=${project}&${q}`)).map((r) => r.id);
    expect((await interactions(`project=${project}`)).map((r) => [r.id, r.review])).toEqual([
      [d, null],
      [c, "problem"],
      [b, "question"],
      [a, "ok"],
    ]);
    expect(await ids("review=unreviewed")).toEqual([d]);
    expect(await ids("review=ok")).toEqual([a]);
    expect(await ids("review=problem")).toEqual([c]);
    expect(await ids("review=question&label=pii")).toEqual([b]);
    expect(await ids("label=stale-memory")).toEqual([c]);
    expect(await ids("label=nope")).toEqual([]);
    // A correction, then a retraction: the verdict follows, and the retracted turn is unreviewed again.
    const fix = await review(`/api/interactions/${a}/reviews`, { verdict: "problem", supersedes: first });
    expect(await ids("review=problem")).toEqual([c, a]);
    await review(`/api/interactions/${a}/reviews`, { retract: true, supersedes: fix });
    expect(await ids("review=unreviewed")).toEqual([d, a]);
    const bad = await expectError(await apiFetch("/api/interactions?review=maybe"), 400, "validation_failed");
    expect(bad.error.issues![0].path).toEqual(["review"]);
  });

  it("filters sessions by their session verdict and shows it", async () => {
    const project = uid("lists-s");
    const [s1, s2] = [uid("ls1"), uid("ls2")];
    await capture({ project, session_id: s1 });
    await capture({ project, session_id: s2 });
    await review(`/api/sessions/${s1}/reviews`, { verdict: "problem", labels: ["unsafe"] });
    expect((await sessions(`project=${project}`)).map((s) => [s.session_id, s.review])).toEqual([
      [s2, null],
      [s1, "problem"],
    ]);
    expect((await sessions(`project=${project}&review=unreviewed`)).map((s) => s.session_id)).toEqual([s2]);
    expect((await sessions(`project=${project}&review=problem&label=unsafe`)).map((s) => s.session_id)).toEqual([s1]);
    expect((await sessions(`review=ok&session_id=${s1}`)).map((s) => s.session_id)).toEqual([]);
    await expectError(await apiFetch("/api/sessions?review=x"), 400, "validation_failed");
  });
});
