import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewPage, ReviewRecord } from "@/lib/reviews/schema";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { tokenFor } from "../helpers/auth";
import { withDb } from "../helpers/db";

// Reviews over HTTP on the shared server: attribution, scopes, retries, supersede and retract,
// pointer validation, the lists and their filters. The chain's coverage of reviews is in
// reviews-chain.test.ts (on a server of its own, since it edits the database behind its back).

const PACK = {
  memories: [
    { id: "mem-1", text: "ユーザーは東京に住んでいる 🗼" },
    { id: "mem-2", text: "prefers tabs" },
  ],
  chunks: [{ id: "doc/a~b", "text/plain": "مرحبا" }],
};

async function capture(body: Record<string, unknown> = {}) {
  const res = await postJson("/api/interactions", { prompt: uid("review-turn"), context_pack: PACK, ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; session_id: string };
}

async function review(id: string, body: Record<string, unknown> | string, init = {}) {
  return postJson(`/api/interactions/${id}/reviews`, body, init);
}

async function created(res: Response): Promise<ReviewRecord> {
  expect(res.status).toBe(201);
  return (await res.json()) as ReviewRecord;
}

describe("POST /api/interactions/{id}/reviews", () => {
  it("stores a verdict with labels and a note, attributed to the token's name, and lists it", async () => {
    const turn = await capture();
    const r = await created(await review(turn.id, { verdict: "problem", labels: ["stale-memory", "pii"], note: "<b>not html</b> 東京" }));
    expect(r).toMatchObject({
      target: { interaction_id: turn.id, pointer: null },
      verdict: "problem",
      retract: false,
      labels: ["pii", "stale-memory"],
      note: "<b>not html</b> 東京",
      author: "tests",
      supersedes: null,
      superseded_by: null,
    });
    expect(Date.parse(r.created_at)).toBeGreaterThan(Date.now() - 60_000);
    const { status, body } = await getJson(`/api/interactions/${turn.id}/reviews`);
    expect(status).toBe(200);
    expect(body).toEqual({ reviews: [r], next_cursor: null });
  });

  it("answers a retry with the same id and body with the stored review, and another body under that id with 409", async () => {
    const turn = await capture();
    const id = randomUUID();
    const first = await created(await review(turn.id, { id, verdict: "ok" }));
    const again = await review(turn.id, { id: id.toUpperCase(), verdict: "ok" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    await expectError(await review(turn.id, { id, verdict: "problem" }), 409, "conflict");
    expect(((await getJson(`/api/interactions/${turn.id}/reviews`)).body as ReviewPage).reviews).toHaveLength(1);
  });

  it("names every problem of a bad body at once, and stores nothing", async () => {
    const turn = await capture();
    const body = await expectError(await review(turn.id, { verdict: "meh", labels: ["nope"], note: 5, extra: 1 }), 400, "validation_failed");
    const paths = body.error.issues!.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["verdict", "labels.0", "note", "extra"]));
    expect(JSON.stringify(body.error.issues)).toContain("extra");
    await expectError(await review(turn.id, {}), 400, "validation_failed");
    await expectError(await review(turn.id, { retract: true }), 400, "validation_failed");
    await expectError(await review(turn.id, { verdict: "ok", retract: true, supersedes: randomUUID() }), 400, "validation_failed");
    await expectError(await review(turn.id, "{not json"), 400, "invalid_json");
    expect(((await getJson(`/api/interactions/${turn.id}/reviews`)).body as ReviewPage).reviews).toEqual([]);
  });

  it("reviews one item of the pack by JSON Pointer, which must exist in the stored pack", async () => {
    const turn = await capture();
    const item = await created(await review(turn.id, { verdict: "problem", labels: ["stale-memory"], pointer: "/memories/1" }));
    expect(item.target).toEqual({ interaction_id: turn.id, pointer: "/memories/1" });
    // A key holding "/" and "~" is escaped (RFC 6901).
    await created(await review(turn.id, { verdict: "question", pointer: "/chunks/0/text~1plain" }));
    for (const pointer of ["/memories/2", "/memories/01", "/nothing", "/memories/0/id/x"]) {
      const body = await expectError(await review(turn.id, { verdict: "ok", pointer }), 400, "validation_failed");
      expect(body.error.issues![0]).toMatchObject({ path: ["pointer"], code: "unknown_pointer" });
    }
    for (const pointer of ["memories/0", "", "/a~2"]) {
      const body = await expectError(await review(turn.id, { verdict: "ok", pointer }), 400, "validation_failed");
      expect(body.error.issues![0].path).toEqual(["pointer"]);
    }
  });

  it("corrects a review by superseding it, and retracts one; history stays and is marked", async () => {
    const turn = await capture();
    const first = await created(await review(turn.id, { verdict: "problem", labels: ["hallucination"] }));
    const fix = await created(await review(turn.id, { verdict: "ok", supersedes: first.id, note: "misread it" }));
    expect(fix.supersedes).toBe(first.id);
    // The earlier one can be superseded once; correct the correction instead.
    await expectError(await review(turn.id, { verdict: "question", supersedes: first.id }), 409, "conflict");
    // supersedes must name a review of this same target.
    const other = await capture();
    const elsewhere = await created(await review(other.id, { verdict: "ok" }));
    const bad = await expectError(await review(turn.id, { verdict: "ok", supersedes: elsewhere.id }), 400, "validation_failed");
    expect(bad.error.issues![0]).toMatchObject({ path: ["supersedes"], code: "unknown_review" });
    await expectError(await review(turn.id, { verdict: "ok", supersedes: randomUUID() }), 400, "validation_failed");
    const retraction = await created(await review(turn.id, { retract: true, supersedes: fix.id }));
    expect(retraction).toMatchObject({ verdict: null, retract: true, supersedes: fix.id, labels: [] });
    const { reviews } = (await getJson(`/api/interactions/${turn.id}/reviews`)).body as ReviewPage;
    expect(reviews.map((r) => [r.id, r.superseded_by])).toEqual([
      [retraction.id, null],
      [fix.id, retraction.id],
      [first.id, fix.id],
    ]);
  });

  it("answers 404 for an unknown interaction, on POST and GET", async () => {
    await expectError(await review(randomUUID(), { verdict: "ok" }), 404, "not_found");
    await expectError(await apiFetch(`/api/interactions/${randomUUID()}/reviews`), 404, "not_found");
  });
});

describe("scopes", () => {
  it("writing needs the review scope, reading the read scope; the author is the token's name", async () => {
    const turn = await capture();
    const reader = await tokenFor(inject("databaseUrl"), ["read"], "reader");
    const reviewer = await tokenFor(inject("databaseUrl"), ["review"], "Alice Reviewer (レビュー)");
    await expectError(await review(turn.id, { verdict: "ok" }, { auth: reader }), 403, "forbidden");
    await expectError(await review(turn.id, { verdict: "ok" }, { auth: false }), 401, "unauthorized");
    const r = await created(await review(turn.id, { verdict: "question" }, { auth: reviewer }));
    expect(r.author).toBe("Alice Reviewer (レビュー)");
    await expectError(await apiFetch(`/api/interactions/${turn.id}/reviews`, { auth: reviewer }), 403, "forbidden");
    expect((await apiFetch(`/api/interactions/${turn.id}/reviews`, { auth: reader })).status).toBe(200);
    // A token can be created with the review scope through the API too.
    const made = await postJson("/api/tokens", { name: uid("reviewer"), scopes: ["read", "review"] });
    expect(made.status).toBe(201);
    expect((await made.json()).scopes).toEqual(["read", "review"]);
  });
});

describe("sessions' reviews", () => {
  it("stores a session verdict, lists it, and refuses a pointer and an unknown session", async () => {
    const session = uid("rev-session");
    await capture({ session_id: session });
    const path = `/api/sessions/${encodeURIComponent(session)}/reviews`;
    const r = await created(await postJson(path, { verdict: "ok", labels: ["missing-context"] }));
    expect(r.target).toEqual({ session_id: session });
    expect(((await getJson(path)).body as ReviewPage).reviews).toEqual([r]);
    await expectError(await postJson(path, { verdict: "ok", pointer: "/memories/0" }), 400, "validation_failed");
    await expectError(await postJson(`/api/sessions/${uid("nope")}/reviews`, { verdict: "ok" }), 404, "not_found");
    await expectError(await apiFetch(`/api/sessions/${uid("nope")}/reviews`), 404, "not_found");
  });
});

describe("GET /api/reviews", () => {
  it("filters by verdict, label, author, project and since, in keyset pages", async () => {
    const project = uid("rev-project");
    const since = new Date().toISOString();
    const turns = await Promise.all([0, 1, 2].map(() => capture({ project })));
    const session = uid("rev-s");
    await capture({ project, session_id: session });
    const made: ReviewRecord[] = [];
    for (const [i, t] of turns.entries()) {
      made.push(await created(await review(t.id, { verdict: i === 0 ? "ok" : "problem", labels: i === 2 ? ["unsafe"] : [] })));
    }
    made.push(await created(await postJson(`/api/sessions/${session}/reviews`, { verdict: "problem", labels: ["unsafe"] })));
    const list = async (q: string) => ((await getJson(`/api/reviews?project=${project}&${q}`)).body as ReviewPage).reviews.map((r) => r.id);
    expect(await list("")).toEqual(made.map((r) => r.id).reverse());
    expect(await list("verdict=problem")).toEqual([made[3].id, made[2].id, made[1].id]);
    expect(await list("label=unsafe")).toEqual([made[3].id, made[2].id]);
    expect(await list("author=tests&verdict=ok")).toEqual([made[0].id]);
    expect(await list("author=nobody")).toEqual([]);
    expect(await list(`since=${encodeURIComponent(since)}`)).toHaveLength(4);
    expect(await list("since=2999-01-01")).toEqual([]);
    // Keyset pages: two, then two, then none left.
    const first = (await getJson(`/api/reviews?project=${project}&limit=2`)).body as ReviewPage;
    expect(first.reviews.map((r) => r.id)).toEqual([made[3].id, made[2].id]);
    const second = (await getJson(`/api/reviews?project=${project}&limit=2&cursor=${first.next_cursor}`)).body as ReviewPage;
    expect(second.reviews.map((r) => r.id)).toEqual([made[1].id, made[0].id]);
    expect(second.next_cursor).toBeNull();
    const bad = await expectError(await apiFetch("/api/reviews?verdict=meh&since=yesterday&limit=x&cursor=%21"), 400, "validation_failed");
    expect(bad.error.issues!.map((i) => i.path[0]).sort()).toEqual(["cursor", "limit", "since", "verdict"]);
  });

  it("keeps rows written for one review whole: no row without its chain link", async () => {
    const turn = await capture();
    const r = await created(await review(turn.id, { verdict: "ok" }));
    const links = await withDb((db) => db.all(Prisma.sql`SELECT kind FROM audit_chain WHERE interaction_id = ${r.id}`));
    expect(links).toEqual([{ kind: "review" }]);
  });
});
