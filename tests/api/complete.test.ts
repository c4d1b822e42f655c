import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InteractionRecordSchema } from "@/lib/interactions/schema";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";

const patch = (id: string, body: unknown, contentType = "application/json") =>
  apiFetch(`/api/interactions/${id}`, {
    method: "PATCH",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function capture(body: Record<string, unknown> = {}) {
  const res = await postJson("/api/interactions", { prompt: uid("turn"), ...body });
  expect(res.status).toBe(201);
  return InteractionRecordSchema.parse(await res.json());
}

async function stored(id: string) {
  return InteractionRecordSchema.parse((await getJson(`/api/interactions/${id}`)).body);
}

describe("PATCH /api/interactions/{id} (completing a partial turn)", () => {
  it("adds the response to a turn recorded without one and stores when", async () => {
    const turn = await capture({ context_pack: { a: 1 } });
    expect(turn.response_added_at).toBeNull();
    const res = await patch(turn.id, { response: "the answer" });
    expect(res.status).toBe(200);
    const done = InteractionRecordSchema.parse(await res.json());
    expect(done).toEqual({ ...turn, response: "the answer", response_added_at: done.response_added_at });
    expect(Date.parse(done.response_added_at!)).toBeGreaterThanOrEqual(Date.parse(turn.created_at));
    expect(await stored(turn.id)).toEqual(done);
  });

  it("answers with the record as stored, its multi-MB pack byte for byte as GET sends it", async () => {
    const pack = { memories: Array.from({ length: 2_000 }, (_, i) => ({ id: `m-${i}`, text: `記憶 ${i} ${"x".repeat(1_500)} 🚀`, score: i / 2_000 })) };
    // Stored by another tool: the test server's body limit is smaller than the pack.
    const [id] = await insertDirect([{ prompt: uid("big"), context_pack: JSON.stringify(pack), created_at: Date.now() }]);
    const turn = await stored(id);
    const res = await patch(turn.id, { response: "done with a big pack" });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body.length).toBeGreaterThan(3_000_000);
    expect(body).toBe(await (await apiFetch(`/api/interactions/${turn.id}`)).text());
    expect(JSON.parse(body)).toMatchObject({ response: "done with a big pack", context_pack: pack });
  });

  it("finds the turn under any spelling of its UUID, as GET does", async () => {
    const turn = await capture();
    const res = await patch(turn.id.toUpperCase(), { response: "upper-case id" });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(turn.id);
    expect((await stored(turn.id)).response).toBe("upper-case id");
  });

  it("adds the summary later, keeping the first completion time", async () => {
    const turn = await capture();
    const first = InteractionRecordSchema.parse(await (await patch(turn.id, { response: "long answer" })).json());
    const second = await patch(turn.id, { response_summary: "short" });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ...first, response_summary: "short" });
  });

  it("answers 200 and changes nothing when the same completion is retried", async () => {
    const turn = await capture();
    const first = await (await patch(turn.id, { response: "r", response_summary: "s" })).json();
    const retry = await patch(turn.id, { response: "r", response_summary: "s" });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(first);
    // Also a retry of part of it.
    expect((await patch(turn.id, { response: "r" })).status).toBe(200);
  });

  it("answers 409 for overwriting a non-empty value, and changes nothing at all", async () => {
    const turn = await capture({ response: "given at capture" });
    const { error: err } = await expectError(await patch(turn.id, { response: "other", response_summary: "would be new" }), 409, "conflict");
    expect(err.message).toContain("response is already recorded");
    expect(await stored(turn.id)).toEqual(turn);
  });

  it.each([
    [{ prompt: "rewritten" }, ["prompt"]],
    [{ response: "r", project: "p" }, ["project"]],
    [{ response: "r", created_at: "2026-01-01T00:00:00Z", extra: 1 }, ["created_at", "extra"]],
  ])("answers 409 for a body naming other fields (%j), and changes nothing", async (body, paths) => {
    const turn = await capture();
    const { error: err } = await expectError(await patch(turn.id, body), 409, "conflict");
    expect(err.issues?.map((i) => i.path[0])).toEqual(paths);
    expect(await stored(turn.id)).toEqual(turn);
  });

  it("answers 404 for an unknown id", async () => {
    await expectError(await patch(randomUUID(), { response: "r" }), 404, "not_found");
  });

  it("refuses bad bodies as POST does", async () => {
    const turn = await capture();
    await expectError(await patch(turn.id, "{not json"), 400, "invalid_json");
    await expectError(await patch(turn.id, { response: "r" }, "text/plain"), 415, "unsupported_media_type");
    await expectError(await patch(turn.id, []), 400, "validation_failed");
    await expectError(await patch(turn.id, {}), 400, "validation_failed");
    await expectError(await patch(turn.id, { response: 5 }), 400, "validation_failed");
    await expectError(await patch(turn.id, { response: "  " }), 400, "validation_failed");
    expect(await stored(turn.id)).toEqual(turn);
  });

  it("completes rows written by other tools too", async () => {
    const [id] = await insertDirect([{ prompt: "imported", created_at: Date.UTC(2026, 0, 1) }]);
    const res = await patch(id, { response_summary: "s" });
    expect(res.status).toBe(200);
    expect((await res.json()).response_summary).toBe("s");
  });
});
