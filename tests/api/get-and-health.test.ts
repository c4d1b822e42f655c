import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { InteractionRecordSchema } from "@/lib/interactions/schema";
import { ErrorBodySchema } from "../helpers/schemas";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";

describe("GET /api/interactions/{id}", () => {
  it("answers 404 with the error envelope for an unknown id", async () => {
    const { status, body } = await getJson(`/api/interactions/${randomUUID()}`);
    expect(status).toBe(404);
    expect(ErrorBodySchema.parse(body).error.code).toBe("not_found");
  });

  // Another tool can leave JSON columns holding JSON of the wrong shape on both databases;
  // text that is not JSON at all only in SQLite (PostgreSQL's jsonb refuses it).
  it("reads rows with JSON columns of the wrong shape (and, on SQLite, corrupt JSON) as empty lists and objects", async () => {
    const project = uid("corrupt");
    const now = Date.now();
    const [wrongShape, numbers, corrupt] = await insertDirect([
      { project, created_at: now, memories_used: '{"a":1}', chunks_used: "null", context_pack: "[1,2]" },
      { project, created_at: now, memories_used: "[1, 2]", chunks_used: '"text"', context_pack: '"text"' },
      ...(inject("databaseKind") === "sqlite" ? [{ project, created_at: now, memories_used: "[not json", chunks_used: "", context_pack: "{{{" }] : []),
    ]);
    for (const id of [wrongShape, ...(corrupt ? [corrupt] : [])]) {
      const { status, body } = await getJson(`/api/interactions/${id}`);
      expect(status).toBe(200);
      expect(InteractionRecordSchema.parse(body)).toMatchObject({ memories_used: [], chunks_used: [], context_pack: {} });
    }
    const { body } = await getJson(`/api/interactions/${numbers}`);
    expect(body).toMatchObject({ memories_used: ["1", "2"], chunks_used: [], context_pack: {} });
    // The list reads them the same way.
    const listed = await getJson(`/api/interactions?project=${project}`);
    expect(listed.status).toBe(200);
    expect((listed.body as { interactions: unknown[] }).interactions).toHaveLength(corrupt ? 3 : 2);
    // A pack that is not JSON cannot be redacted (its digests are made from the parsed pack): 409, not 500.
    if (corrupt) await expectError(await postJson(`/api/interactions/${corrupt}/redactions`, { pointer: "/prompt", reason: "test" }), 409, "conflict");
  });
});

describe("GET /api/health", () => {
  it("answers ok after checking the database", async () => {
    expect(await getJson("/api/health")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("needs no token but checks the query like every route (route(\"public\", ...))", async () => {
    expect((await apiFetch("/api/health?probe=1", { auth: false })).status).toBe(200);
    await expectError(await apiFetch(`/api/health?q=${"x".repeat(5000)}`, { auth: false }), 400, "validation_failed");
    await expectError(await apiFetch("/api/health?q=%00", { auth: false }), 400, "validation_failed");
  });
});

describe("unknown API paths", () => {
  it("answer 404 in the JSON envelope", async () => {
    const { status, body } = await getJson("/api/no-such-thing");
    expect(status).toBe(404);
    expect(ErrorBodySchema.parse(body).error.code).toBe("not_found");
  });

  it("answer a path that is not valid percent-encoding with 400 in the envelope and the security headers", async () => {
    // Next.js would decode these after the proxy and answer a bare 500 without headers.
    for (const path of ["/api/interactions/x%ZZ", "/api/interactions/%C0%AF", "/api/memories/%E0%A4%A/interactions", "/api/x%ZZ", "/interactions/%ZZ"]) {
      const res = await apiFetch(path);
      expect(res.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      const body = await expectError(res, 400, "validation_failed");
      expect(body.error.issues?.[0].path).toEqual(["path"]);
    }
  });
});
