import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionRecordSchema } from "@/lib/interactions/schema";
import { apiFetch, expectError, getJson, jsonPost, postJson, uid } from "../helpers/api";
import { testDatabaseKind } from "../helpers/test-database";
import { holdWriteLock, refusingPrompt, rowsMentioning } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

describe("POST /api/interactions", () => {
  it("stores a full interaction and answers 201 with every field", async () => {
    const marker = uid("full");
    const body = {
      prompt: `What is ${marker}?\nSecond line`,
      response: "An answer",
      response_summary: "short",
      project: marker,
      client: "claude-code",
      session_id: `s-${marker}`,
      memories_used: ["m2", "m1", "m2"],
      chunks_used: ["c1"],
      context_pack: { z: 1, a: { nested: [1, "two", null, true] }, memories: [{ id: "m1", text: "x" }] },
    };
    const before = Date.now();
    const res = await postJson("/api/interactions", body);
    expect(res.status).toBe(201);
    const stored = InteractionRecordSchema.parse(await res.json());
    expect(stored).toMatchObject(body);
    // Lists come back exactly as sent: order and repeats kept.
    expect(stored.memories_used).toEqual(["m2", "m1", "m2"]);
    // The pack comes back as sent; key order too on SQLite, while PostgreSQL's jsonb orders keys
    // (shorter first, then bytewise) in this answer and every later one alike.
    const keyOrder = testDatabaseKind() === "postgres" ? { a: body.context_pack.a, z: 1, memories: body.context_pack.memories } : body.context_pack;
    expect(JSON.stringify(stored.context_pack)).toBe(JSON.stringify(keyOrder));
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(stored.created_at)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(stored.created_at)).toBeLessThanOrEqual(Date.now() + 5);

    const again = await getJson(`/api/interactions/${stored.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(stored);
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(stored));
  });

  it("fills every field that was not given", async () => {
    const marker = uid("min");
    const res = await postJson("/api/interactions", { prompt: marker });
    expect(res.status).toBe(201);
    const stored = InteractionRecordSchema.parse(await res.json());
    expect(stored).toMatchObject({
      prompt: marker,
      response: "",
      response_summary: "",
      project: "",
      client: "",
      session_id: "",
      memories_used: [],
      chunks_used: [],
      context_pack: {},
    });
  });

  it("stores numbers in the used lists as their string form", async () => {
    const res = await postJson("/api/interactions", { prompt: uid(), memories_used: [1, 2.5, "x"], chunks_used: [42] });
    expect(res.status).toBe(201);
    const stored = InteractionRecordSchema.parse(await res.json());
    expect(stored.memories_used).toEqual(["1", "2.5", "x"]);
    expect(stored.chunks_used).toEqual(["42"]);
  });

  it("accepts a charset in the content type and keeps the prompt untrimmed", async () => {
    const prompt = `  ${uid()}  \n`;
    const res = await apiFetch("/api/interactions", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ prompt }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).prompt).toBe(prompt);
  });

  it("keeps keys such as __proto__ in the pack as data", async () => {
    const marker = uid("proto");
    const raw = `{"prompt":"${marker}","context_pack":{"__proto__":{"polluted":true},"constructor":{"x":1}}}`;
    const res = await postJson("/api/interactions", raw);
    expect(res.status).toBe(201);
    const stored = await res.json();
    expect(Object.keys(stored.context_pack)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe("idempotency with a client id", () => {
    it("answers 200 with the stored record for a retry with the same content", async () => {
      const id = randomUUID();
      const body = { id, prompt: uid("idem"), memories_used: ["a"], context_pack: { a: 1, b: 2 } };
      const first = await postJson("/api/interactions", body);
      expect(first.status).toBe(201);
      const stored = await first.json();
      expect(stored.id).toBe(id);
      // Same content, keys in another order: still the same turn.
      const retry = await postJson("/api/interactions", { ...body, context_pack: { b: 2, a: 1 } });
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual(stored);
      expect(await rowsMentioning(body.prompt)).toBe(1);
    });

    it("treats an upper-case spelling of the id as the same id", async () => {
      const id = randomUUID();
      const body = { id, prompt: uid("case") };
      expect((await postJson("/api/interactions", body)).status).toBe(201);
      const retry = await postJson("/api/interactions", { ...body, id: id.toUpperCase() });
      expect(retry.status).toBe(200);
      expect((await retry.json()).id).toBe(id);
      // GET finds it by either spelling too.
      const read = await getJson(`/api/interactions/${id.toUpperCase()}`);
      expect(read.status).toBe(200);
      expect((read.body as { id: string }).id).toBe(id);
    });

    it("accepts any UUID in its text form, whatever its version and variant bits", async () => {
      // Variant bits 0 (as in many fixtures): Python's uuid.UUID and PostgreSQL accept it.
      const id = `${randomUUID().slice(0, 19)}1${randomUUID().slice(20)}`;
      const res = await postJson("/api/interactions", { id, prompt: uid("variant") });
      expect(res.status).toBe(201);
      expect((await res.json()).id).toBe(id);
    });

    it("answers 409 for the same id with different content, and changes nothing", async () => {
      const id = randomUUID();
      const prompt = uid("conflict");
      expect((await postJson("/api/interactions", { id, prompt, response: "one" })).status).toBe(201);
      const res = await postJson("/api/interactions", { id, prompt, response: "two" });
      await expectError(res, 409, "conflict");
      const { body } = await getJson(`/api/interactions/${id}`);
      expect((body as { response: string }).response).toBe("one");
      expect(await rowsMentioning(prompt)).toBe(1);
    });

    it("concurrent retries of one id store exactly one row", async () => {
      const body = { id: randomUUID(), prompt: uid("race") };
      const answers = await Promise.all(Array.from({ length: 10 }, () => postJson("/api/interactions", body)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(9);
      expect(await rowsMentioning(body.prompt)).toBe(1);
    });
  });

  describe("bad input stores nothing", () => {
    it("malformed JSON is 400 invalid_json", async () => {
      const marker = uid("badjson");
      await expectError(await postJson("/api/interactions", `{"prompt": "${marker}",`), 400, "invalid_json");
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it("invalid UTF-8 is 400 invalid_json", async () => {
      const marker = uid("utf8");
      const bytes = Buffer.concat([Buffer.from(`{"prompt":"${marker}`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const res = await apiFetch("/api/interactions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bytes,
      });
      await expectError(res, 400, "invalid_json");
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it.each([
      ["an array", "[]"],
      ["a string", '"prompt"'],
      ["null", "null"],
      ["a number", "42"],
    ])("a body that is %s is 400 validation_failed", async (_what, raw) => {
      await expectError(await postJson("/api/interactions", raw), 400, "validation_failed");
    });

    it("a missing prompt is named", async () => {
      const marker = uid("noprompt");
      const body = await expectError(await postJson("/api/interactions", { project: marker }), 400, "validation_failed");
      expect(body.error.issues).toContainEqual(expect.objectContaining({ path: ["prompt"], message: "prompt is required" }));
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it.each(["", "   ", "\n\t "])("a blank prompt %j is refused", async (prompt) => {
      const marker = uid("blank");
      const body = await expectError(await postJson("/api/interactions", { prompt, project: marker }), 400, "validation_failed");
      expect(body.error.issues?.map((i) => i.path)).toEqual([["prompt"]]);
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it("every wrong type and unknown field is named at once", async () => {
      const marker = uid("types");
      const res = await postJson("/api/interactions", {
        prompt: marker,
        response: 5,
        response_summary: null,
        project: ["x"],
        client: {},
        session_id: true,
        memories_used: "m1",
        chunks_used: [{ id: "c" }],
        context_pack: [],
        id: "not-a-uuid",
        extra: 1,
        another: "x",
      });
      const body = await expectError(res, 400, "validation_failed");
      const paths = body.error.issues!.map((i) => i.path.join("."));
      expect(paths.sort()).toEqual(
        [
          "response",
          "response_summary",
          "project",
          "client",
          "session_id",
          "memories_used",
          "chunks_used.0",
          "context_pack",
          "id",
          "extra",
          "another",
        ].sort(),
      );
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it("a prompt of the wrong type is named", async () => {
      const body = await expectError(await postJson("/api/interactions", { prompt: 12 }), 400, "validation_failed");
      expect(body.error.issues).toContainEqual(expect.objectContaining({ path: ["prompt"] }));
    });

    it.each([
      ["text/plain", "text/plain"],
      ["form", "application/x-www-form-urlencoded"],
      ["none", undefined],
    ])("content type %s is 415", async (_label, type) => {
      const marker = uid("ctype");
      const headers: Record<string, string> = {};
      if (type) headers["content-type"] = type;
      const res = await apiFetch("/api/interactions", {
        method: "POST",
        headers,
        body: new Blob([JSON.stringify({ prompt: marker })]),
      });
      await expectError(res, 415, "unsupported_media_type");
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it("project, client and session_id hold 256 characters, even of four bytes each; 257 are a 400 naming the field", async () => {
      // Random code points outside the BMP (4 bytes each in UTF-8), so nothing compresses them.
      const label = (n: number) => String.fromCodePoint(...Array.from({ length: n }, () => 0x20000 + Math.floor(Math.random() * 0xa000)));
      const marker = uid("label");
      const longest = { prompt: marker, project: label(256), client: label(256), session_id: label(256) };
      const res = await postJson("/api/interactions", longest);
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject(longest);
      for (const field of ["project", "client", "session_id"]) {
        const over = uid("over");
        const body = await expectError(await postJson("/api/interactions", { ...longest, prompt: over, [field]: label(257) }), 400, "validation_failed");
        expect(body.error.issues).toEqual([expect.objectContaining({ path: [field], message: `${field} is longer than 256 characters` })]);
        expect(await rowsMentioning(over)).toBe(0);
      }
    });

    it("a body over 1 MiB is 413", async () => {
      const marker = uid("huge");
      const res = await postJson("/api/interactions", { prompt: marker, response: "x".repeat(1024 * 1024 + 10) });
      await expectError(res, 413, "payload_too_large");
      expect(await rowsMentioning(marker)).toBe(0);
    });

    it("a body of exactly 1 MiB is accepted, one byte more is 413", async () => {
      const marker = uid("mib");
      const body = (pad: number) => JSON.stringify({ prompt: marker + "x".repeat(pad) });
      const exact = body(1024 * 1024 - body(0).length);
      expect(Buffer.byteLength(exact)).toBe(1024 * 1024);
      expect((await postJson("/api/interactions", exact)).status).toBe(201);
      const over = body(1024 * 1024 - body(0).length + 1);
      await expectError(await postJson("/api/interactions", over), 413, "payload_too_large");
      expect(await rowsMentioning(marker)).toBe(1);
    });

    it("a body just under 1 MiB is accepted", async () => {
      const marker = uid("big");
      const res = await postJson("/api/interactions", { prompt: marker, response: "x".repeat(1000 * 1000) });
      expect(res.status).toBe(201);
    });
  });

  // A server of its own: holding its write lock stalls every write to it, which the other files'
  // tests (the Claude Code hook gives up after 2 s) must not see on the shared one.
  describe("captures sent at the same time", () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(async () => {
      await server?.stop();
    });
    const capture = (body: object) => server.fetch("/api/interactions", jsonPost(body));

    // Sends the captures while the test holds the write lock, so that they reach the server and
    // queue behind it (the first in its write transaction, the others waiting for the next one).
    // Two seconds is ample for a few requests to reach the queue, even on busy cores.
    async function postWhileLocked(bodies: object[]): Promise<Response[]> {
      const lock = await holdWriteLock(server.databaseUrl);
      let pending: Promise<Response>[];
      try {
        pending = bodies.map(capture);
        await new Promise((r) => setTimeout(r, 2000));
      } finally {
        await lock.release();
      }
      return Promise.all(pending);
    }

    it("are all stored, and one the database refuses fails alone", async () => {
      const marker = uid("together");
      const refused = `${marker} refused`;
      const refusal = await refusingPrompt(refused, server.databaseUrl);
      try {
        const prompts = Array.from({ length: 12 }, (_, i) => (i === 5 ? refused : `${marker} ${i}`));
        const responses = await postWhileLocked(prompts.map((prompt) => ({ prompt, project: marker })));
        const body = await expectError(responses[5], 503, "unavailable");
        expect(body.error.message).toMatch(/none of its 1 interaction\(s\) were stored/);
        const stored = await Promise.all(responses.filter((_, i) => i !== 5).map(async (r) => ({ status: r.status, record: InteractionRecordSchema.parse(await r.json()) })));
        expect(stored.map((s) => s.status)).toEqual(Array(11).fill(201));
        expect(stored.map((s) => s.record.prompt)).toEqual(prompts.filter((_, i) => i !== 5));
        expect(await rowsMentioning(marker, server.databaseUrl)).toBe(11);
      } finally {
        await refusal.drop();
      }
    });

    it.runIf(testDatabaseKind() === "postgres")("share one write transaction on PostgreSQL (one instant for the captures that queued)", async () => {
      const marker = uid("shared");
      const responses = await postWhileLocked(Array.from({ length: 6 }, (_, i) => ({ prompt: `${marker} ${i}` })));
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
      const records = await Promise.all(responses.map(async (r) => InteractionRecordSchema.parse(await r.json())));
      const sharing = Math.max(...records.map((r) => records.filter((o) => o.created_at === r.created_at).length));
      // The first waited alone for the lock; the five sent after it went in the next transaction.
      expect(sharing).toBeGreaterThanOrEqual(5);
      expect(await rowsMentioning(marker, server.databaseUrl)).toBe(6);
    });
  });
});
