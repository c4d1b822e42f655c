import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BatchResultSchema, MAX_BATCH_ITEMS } from "@/lib/interactions/batch-schema";
import { InteractionListSchema } from "@/lib/interactions/schema";
import { Prisma } from "@/lib/generated/prisma/client";
import { expectError, getJson, postJson, uid } from "../helpers/api";
import { refusingPrompt, rowsMentioning, withDb } from "../helpers/db";

const BATCH = "/api/interactions/batch";

async function postBatch(interactions: unknown[]) {
  const res = await postJson(BATCH, { interactions });
  expect(res.status).toBe(200);
  return BatchResultSchema.parse(await res.json()).results;
}

describe("POST /api/interactions/batch", () => {
  it("stores the valid items, refuses the invalid ones, and answers one result per item in order", async () => {
    const marker = uid("mixed");
    const badId = randomUUID();
    const results = await postBatch([
      { prompt: `${marker} one`, project: marker, memories_used: ["m1"] },
      { prompt: "   ", project: marker },
      { id: badId, prompt: `${marker} three`, project: marker, surprise: true },
      { prompt: `${marker} four`, project: marker, context_pack: { chunks: [{ id: "c1" }] } },
      "not an object",
    ]);
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "error"],
      [2, "error"],
      [3, "created"],
      [4, "error"],
    ]);
    expect(results[1].error).toMatchObject({ code: "validation_failed", issues: [{ path: ["prompt"] }] });
    expect(results[2]).toMatchObject({ id: badId, error: { issues: [{ path: ["surprise"], code: "unknown_field" }] } });
    expect(results[4]).toMatchObject({ id: null, error: { code: "validation_failed" } });

    const list = InteractionListSchema.parse((await getJson(`/api/interactions?project=${marker}`)).body);
    // Stored together: one instant, and newest first means the later item first.
    expect(list.interactions.map((i) => i.id)).toEqual([results[3].id, results[0].id]);
    expect(list.interactions[0].created_at).toBe(list.interactions[1].created_at);
    expect(list.interactions[0].context_pack).toEqual({ chunks: [{ id: "c1" }] });
    const got = await getJson(`/api/interactions/${results[0].id}`);
    expect(got.body).toMatchObject({ prompt: `${marker} one`, memories_used: ["m1"] });
  });

  it("gives item ids the idempotency of single captures", async () => {
    const marker = uid("idem");
    const stored = { id: randomUUID(), prompt: `${marker} stored`, project: marker };
    expect((await postJson("/api/interactions", stored)).status).toBe(201);
    const fresh = { id: randomUUID(), prompt: `${marker} fresh`, project: marker };

    const results = await postBatch([stored, { ...stored, prompt: `${marker} changed` }, fresh]);
    expect(results).toMatchObject([
      { index: 0, status: "duplicate", id: stored.id },
      { index: 1, status: "error", id: stored.id, error: { code: "conflict" } },
      { index: 2, status: "created", id: fresh.id },
    ]);
    // Sending the whole batch again stores nothing new.
    const again = await postBatch([stored, fresh]);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(await rowsMentioning(marker)).toBe(2);
  });

  it("treats a repeated id within one batch like a retry", async () => {
    const marker = uid("within");
    const item = { id: randomUUID(), prompt: `${marker} turn`, project: marker };
    const results = await postBatch([item, { ...item, id: item.id.toUpperCase() }, { ...item, response: "other" }]);
    expect(results).toMatchObject([
      { status: "created", id: item.id },
      { status: "duplicate", id: item.id },
      { status: "error", error: { code: "conflict" } },
    ]);
    expect(await rowsMentioning(marker)).toBe(1);
  });

  it("stores none of the items when the transaction fails, and says so", async () => {
    const marker = uid("fail");
    // A trigger provokes a real database failure on the third item only.
    const refusal = await refusingPrompt(`${marker} boom`);
    try {
      const res = await postJson(BATCH, {
        interactions: [{ prompt: `${marker} a` }, { prompt: "" }, { prompt: `${marker} boom` }, { prompt: `${marker} b` }],
      });
      const body = await expectError(res, 503, "unavailable");
      expect(body.error.message).toMatch(/none of its 3 interaction\(s\) were stored/);
      expect(await rowsMentioning(marker)).toBe(0);
    } finally {
      await refusal.drop();
    }
  });

  it(`accepts ${MAX_BATCH_ITEMS} items and refuses more with the error envelope`, async () => {
    const marker = uid("max");
    const items = Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => ({ prompt: `${marker} ${i}` }));
    const results = await postBatch(items);
    expect(results.every((r, i) => r.index === i && r.status === "created")).toBe(true);
    const stored = await withDb((db) => db.get<{ n: number }>(Prisma.sql`SELECT count(*) AS n FROM interactions WHERE prompt LIKE ${`${marker} %`}`));
    expect(stored!.n).toBe(MAX_BATCH_ITEMS);

    const over = uid("over");
    const res = await postJson(BATCH, { interactions: [...items, { prompt: over }] });
    const body = await expectError(res, 400, "validation_failed");
    expect(body.error.issues).toMatchObject([{ path: ["interactions"] }]);
    expect(await rowsMentioning(over)).toBe(0);
  });

  it("refuses a body over the size limit with 413", async () => {
    const marker = uid("big");
    const items = Array.from({ length: 300 }, () => ({ prompt: `${marker} ${"x".repeat(4000)}` }));
    await expectError(await postJson(BATCH, { interactions: items }), 413, "payload_too_large");
    expect(await rowsMentioning(marker)).toBe(0);
  });

  it("refuses a body that is not {interactions: [...]}", async () => {
    await expectError(await postJson(BATCH, [{ prompt: "x" }]), 400, "validation_failed");
    await expectError(await postJson(BATCH, { interactions: { prompt: "x" } }), 400, "validation_failed");
    const body = await expectError(await postJson(BATCH, { interactions: [], extra: 1 }), 400, "validation_failed");
    expect(body.error.issues).toMatchObject([{ path: ["extra"], code: "unknown_field" }]);
    await expectError(await postJson(BATCH, "{not json"), 400, "invalid_json");
  });

  it("answers an empty batch with no results", async () => {
    expect(await postBatch([])).toEqual([]);
  });
});
