import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyReport } from "@/lib/audit/verify-chain";
import { nodeDigest, REDACTED_FIELD_TEXT } from "@/lib/audit/redaction-content";
import { newTokenText } from "@/lib/auth/token-hash";
import { Prisma } from "@/lib/generated/prisma/client";
import { RedactionSchema, type Redaction } from "@/lib/redactions/schema";
import { expectError, uid } from "../helpers/api";
import { tokenFor, type AuthOption } from "../helpers/auth";
import { withDb as withDatabase, type TestDb } from "../helpers/db";
import { runScript } from "../helpers/run-script";
import { startServer, type RunningServer } from "../helpers/server";

// Redaction over HTTP on the shared server: the record and marker, verification that reports
// redactions and still catches edits, the proof of what was removed, scopes, and that nothing
// redacted comes back through search, sessions, exports or the pack API.

// A server of its own: these tests edit its database behind its back and verify the whole
// chain, which must not meet another file's edits (tests/api/audit-verify.test.ts makes some).
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 180_000);
afterAll(async () => {
  await server?.stop();
});
const apiFetch = (path: string, init: RequestInit & AuthOption = {}) => server.fetch(path, init);
const postJson = (path: string, body: unknown, init: RequestInit & AuthOption = {}) =>
  server.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...init });
const getJson = async (path: string) => {
  const res = await server.fetch(path);
  return { status: res.status, body: (await res.json()) as unknown };
};
const withDb = <T,>(fn: (db: TestDb) => Promise<T>) => withDatabase(fn, server.databaseUrl);

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const verify = async (scope = "full") => {
  const { status, body } = await getJson(`/api/audit/verify?scope=${scope}`);
  expect(status).toBe(200);
  return body as VerifyReport;
};

const redact = (id: string, pointer: string, reason = "personal data", init = {}) =>
  postJson(`/api/interactions/${id}/redactions`, { pointer, reason }, init);

async function redacted(id: string, pointer: string, reason = "personal data"): Promise<Redaction> {
  const res = await redact(id, pointer, reason);
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return RedactionSchema.parse(body);
}

function pack(secret: string) {
  return {
    query: "how do we deploy",
    memories: [
      { id: "mem-a", content: "deploys go through the staging cluster" },
      { id: "mem-b", content: `customer address ${secret}`, tags: ["pii", { nested: secret }] },
    ],
    chunks: [{ id: "chunk-1", text: "the runbook says 東京の手順" }],
  };
}

async function capture(secret: string, extra: Record<string, unknown> = {}) {
  const res = await postJson("/api/interactions", {
    prompt: `please remember ${secret}`,
    response: `noted ${secret}`,
    response_summary: `summary ${secret}`,
    project: "redaction-tests",
    memories_used: ["mem-a", "mem-b"],
    context_pack: pack(secret),
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; context_pack: ReturnType<typeof pack> };
}

describe("POST /api/interactions/{id}/redactions", () => {
  it("redacts each field and a pack subtree, keeps the chain intact and lists the redactions", async () => {
    const secret = uid("addr");
    const { id } = await capture(secret);
    const original = pack(secret).memories[1];
    const records = [
      await redacted(id, "/prompt", "pasted a customer's address"),
      await redacted(id, "/response"),
      await redacted(id, "/response_summary"),
      await redacted(id, "/context_pack/memories/1", "customer record"),
    ];
    expect(records[0]).toMatchObject({ interaction_id: id, pointer: "/prompt", reason: "pasted a customer's address", author: "token:tests" });
    // Whoever holds the original proves it was what was removed: the digest is its SHA-256.
    expect(records[0].digest).toBe(sha256(`please remember ${secret}`));
    expect(records[1].digest).toBe(sha256(`noted ${secret}`));
    expect(records[3].digest).toBe(nodeDigest(original));

    const { body } = await getJson(`/api/interactions/${id}`);
    const row = body as { prompt: string; response: string; response_summary: string; context_pack: ReturnType<typeof pack> };
    expect([row.prompt, row.response, row.response_summary]).toEqual([REDACTED_FIELD_TEXT, REDACTED_FIELD_TEXT, REDACTED_FIELD_TEXT]);
    expect(row.context_pack.memories[1]).toEqual({ redacted: true, digest: records[3].digest, reason: "customer record" });
    expect(row.context_pack.memories[0]).toEqual(pack(secret).memories[0]);
    expect(JSON.stringify(body)).not.toContain(secret);

    const listed = await getJson(`/api/interactions/${id}/redactions`);
    expect(listed.status).toBe(200);
    expect((listed.body as { redactions: Redaction[] }).redactions).toEqual(records);

    const full = await verify();
    expect(full).toMatchObject({ status: "ok", broken: null });
    expect(full.redactions.count).toBeGreaterThanOrEqual(4);
    expect(full.redactions.items.filter((r) => r.interaction_id === id).map((r) => r.pointer).sort()).toEqual(
      ["/context_pack/memories/1", "/prompt", "/response", "/response_summary"],
    );
    const since = await verify("incremental");
    expect(since).toMatchObject({ status: "ok", broken: null });
    expect(since.redactions.count).toBe(full.redactions.count);
  });

  it("redacts a completed response and a subtree holding a redaction, and the whole pack", async () => {
    const secret = uid("done");
    const res = await postJson("/api/interactions", { prompt: "partial turn", context_pack: pack(secret) });
    const { id } = (await res.json()) as { id: string };
    await apiFetch(`/api/interactions/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ response: `answer ${secret}` }) });
    await redacted(id, "/response");
    await redacted(id, "/context_pack/memories/1/tags/1");
    const outer = await redacted(id, "/context_pack/memories");
    expect(outer.digest).toBe(nodeDigest(pack(secret).memories));
    await expectError(await redact(id, "/context_pack/memories/0"), 409, "conflict");
    await redacted(id, "/context_pack");
    expect((await verify()).status).toBe("ok");
  });

  it("answers 400 with every issue, 404 for an unknown interaction, 409 for a place that is missing or already redacted", async () => {
    const { id } = await capture(uid("err"));
    const bad = await expectError(await postJson(`/api/interactions/${id}/redactions`, { pointer: "/project", reason: " ", extra: 1 }), 400, "validation_failed");
    expect(bad.error.issues!.map((i) => String(i.path[0]))).toEqual(expect.arrayContaining(["pointer", "reason"]));
    expect(bad.error.issues!.length).toBe(3);
    await expectError(await redact(id, "/context_pack/a~2b"), 400, "validation_failed");
    await expectError(await redact("00000000-0000-4000-8000-000000000000", "/prompt"), 404, "not_found");
    await expectError(await apiFetch("/api/interactions/00000000-0000-4000-8000-000000000000/redactions"), 404, "not_found");
    await expectError(await redact(id, "/context_pack/memories/7"), 409, "conflict");
    await expectError(await redact(id, "/context_pack/nope"), 409, "conflict");
    await redacted(id, "/prompt");
    await expectError(await redact(id, "/prompt"), 409, "conflict");
    await redacted(id, "/context_pack/memories/1");
    await expectError(await redact(id, "/context_pack/memories/1/content"), 409, "conflict");
  });

  it("needs the redact scope, which read and capture do not imply", async () => {
    const { id } = await capture(uid("scope"));
    const readCapture = await tokenFor(server.databaseUrl, ["read", "capture", "admin"], "no-redact");
    await expectError(await redact(id, "/prompt", "why", { auth: readCapture }), 403, "forbidden");
    await expectError(await redact(id, "/prompt", "why", { auth: false }), 401, "unauthorized");
    const redactor = await tokenFor(server.databaseUrl, ["redact"], "redactor");
    const res = await redact(id, "/prompt", "why", { auth: redactor });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Redaction).author).toBe("token:redactor");
  });

  it("catches an edit made after a redaction: of the marker, of the pack marker, of the digest, or content put back", async () => {
    const secret = uid("edit");
    const { id } = await capture(secret);
    const field = await redacted(id, "/prompt");
    const sub = await redacted(id, "/context_pack/memories/1");
    const edits: [Prisma.Sql, Prisma.Sql][] = [
      [Prisma.sql`UPDATE interactions SET prompt = ${"[redacted by hand]"} WHERE id = ${id}`, Prisma.sql`UPDATE interactions SET prompt = ${REDACTED_FIELD_TEXT} WHERE id = ${id}`],
      [Prisma.sql`UPDATE interactions SET prompt = ${`please remember ${secret}`} WHERE id = ${id}`, Prisma.sql`UPDATE interactions SET prompt = ${REDACTED_FIELD_TEXT} WHERE id = ${id}`],
      [Prisma.sql`UPDATE interaction_redactions SET digest = ${sha256("something else")} WHERE id = ${field.id}`, Prisma.sql`UPDATE interaction_redactions SET digest = ${field.digest} WHERE id = ${field.id}`],
      [Prisma.sql`UPDATE interaction_redactions SET reason = ${"nothing to see"} WHERE id = ${sub.id}`, Prisma.sql`UPDATE interaction_redactions SET reason = ${sub.reason} WHERE id = ${sub.id}`],
      [Prisma.sql`UPDATE interactions SET response = ${"forged"} WHERE id = ${id}`, Prisma.sql`UPDATE interactions SET response = ${`noted ${secret}`} WHERE id = ${id}`],
    ];
    for (const [edit, undo] of edits) {
      await withDb((db) => db.run(edit));
      try {
        const report = await verify();
        expect(report.status, edit.sql).toBe("broken");
        expect(report.broken).toMatchObject({ interaction_id: id, problem: "row_changed" });
      } finally {
        await withDb((db) => db.run(undo));
      }
    }
    // The pack's marker, edited in the stored JSON text.
    const [{ context_pack }] = await withDb((db) => db.all<{ context_pack: string }>(Prisma.sql`SELECT context_pack FROM interactions WHERE id = ${id}`));
    const stored = typeof context_pack === "string" ? context_pack : JSON.stringify(context_pack);
    const edited = JSON.stringify({ ...JSON.parse(stored), memories: [pack(secret).memories[0], { redacted: true, digest: sub.digest, reason: "changed" }] });
    await withDb((db) => db.run(Prisma.sql`UPDATE interactions SET context_pack = ${edited} WHERE id = ${id}`));
    try {
      expect((await verify()).broken).toMatchObject({ interaction_id: id, problem: "row_changed" });
    } finally {
      await withDb((db) => db.run(Prisma.sql`UPDATE interactions SET context_pack = ${stored} WHERE id = ${id}`));
    }
    expect((await verify()).status).toBe("ok");
  });

  it("leaves nothing redacted in search, sessions, exports, the pack API or the pack diff", async () => {
    const word = uid("leakword").replace(/[^a-z0-9]/gi, "");
    const cjk = "秘密の住所東京都港区六本木";
    const secret = `${word} ${cjk}`;
    const session = uid("leak-session");
    const first = await capture("harmless", { session_id: session });
    const { id } = await capture(secret, { session_id: session });
    const search = async (q: string) =>
      ((await getJson(`/api/interactions?project=redaction-tests&q=${encodeURIComponent(q)}`)).body as { interactions: { id: string }[] }).interactions.map((i) => i.id);
    expect(await search(word)).toContain(id);
    expect(await search("住所東京")).toContain(id);
    for (const p of ["/prompt", "/response", "/response_summary", "/context_pack/memories/1"]) await redacted(id, p);
    expect(await search(word)).not.toContain(id);
    expect(await search("住所東京")).not.toContain(id);
    const bodies = [
      `/api/interactions/${id}`,
      `/api/interactions/${id}/pack?limit=200`,
      `/api/interactions/${id}/pack-diff`,
      `/api/sessions/${encodeURIComponent(session)}/turns`,
      `/api/sessions/${encodeURIComponent(session)}/export?format=md`,
      `/api/sessions/${encodeURIComponent(session)}/export?format=json`,
      `/api/interactions/export?format=jsonl&project=redaction-tests`,
      `/api/interactions/export?format=csv&project=redaction-tests`,
      // The memory audit's versions of the redacted item.
      `/api/memories/mem-b`,
    ];
    for (const path of bodies) {
      const res = await apiFetch(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain(word);
      expect(text, path).not.toContain("住所東京");
    }
    expect(first.id).not.toBe(id);
  });

  it("leaves nothing on the pack API or the pack diff the server had cached when another process redacts (npm run redact)", async () => {
    const word = uid("cachedword").replace(/[^a-z0-9]/gi, "");
    const session = uid("cache-session");
    await capture("harmless", { session_id: session });
    const { id } = await capture(word, { session_id: session });
    const paths = [`/api/interactions/${id}/pack?limit=200`, `/api/interactions/${id}/pack-diff`];
    const bodies = async () => Promise.all(paths.map(async (path) => (await apiFetch(path)).text()));
    for (const text of await bodies()) expect(text).toContain(word);
    const cli = await runScript("scripts/redact.ts", ["--id", id, "--pointer", "/context_pack/memories/1", "--reason", "personal data"], { DATABASE_URL: server.databaseUrl });
    expect(cli.code, cli.stderr).toBe(0);
    const after = await bodies();
    after.forEach((text, i) => expect(text, paths[i]).not.toContain(word));
    expect(after[0]).toContain("mem-a");
  }, 60_000);

  it("redacts secrets at the door on capture and batch, says where and which rule, and the chain verifies", async () => {
    const github = `ghp_${"Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6"}`;
    const own = newTokenText();
    const id = randomUUID();
    const body = {
      id,
      prompt: `use ${github} to push`,
      response: "the tomato_sauce_recipe is ready",
      context_pack: { memories: [{ id: "m1", content: `token ${own}` }, { id: "m2", content: "harmless" }] },
    };
    const res = await postJson("/api/interactions", body);
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(text).not.toContain(github);
    expect(text).not.toContain(own);
    const created = JSON.parse(text) as { prompt: string; response: string; secrets_redacted: unknown; context_pack: { memories: unknown[] } };
    expect(created.secrets_redacted).toEqual([
      { pointer: "/prompt", rule: "github" },
      { pointer: "/context_pack/memories/0/content", rule: "atocore-token" },
    ]);
    expect(created.prompt).toBe(REDACTED_FIELD_TEXT);
    expect(created.response).toBe(body.response);
    expect(created.context_pack.memories[0]).toEqual({ id: "m1", content: { redacted: true, digest: nodeDigest(`token ${own}`), reason: "secret: atocore-token" } });
    const stored = await getJson(`/api/interactions/${id}`);
    expect(JSON.stringify(stored.body)).not.toContain(github);
    const listed = (await getJson(`/api/interactions/${id}/redactions`)).body as { redactions: Redaction[] };
    expect(listed.redactions.map((r) => [r.pointer, r.reason, r.digest])).toEqual([
      ["/prompt", "secret: github", sha256(body.prompt)],
      ["/context_pack/memories/0/content", "secret: atocore-token", nodeDigest(`token ${own}`)],
    ]);
    // A retry of the same turn is recognised as the same capture.
    expect((await postJson("/api/interactions", body)).status).toBe(200);
    const batch = await postJson("/api/interactions/batch", { interactions: [{ prompt: "nothing secret here" }, { prompt: `key ${github}` }] });
    const results = ((await batch.json()) as { results: { status: string; secrets_redacted?: unknown }[] }).results;
    expect(results[0]).not.toHaveProperty("secrets_redacted");
    expect(results[1]).toMatchObject({ status: "created", secrets_redacted: [{ pointer: "/prompt", rule: "github" }] });
    const report = await verify();
    expect(report).toMatchObject({ status: "ok", broken: null });
    expect(report.redactions.items.some((r) => r.interaction_id === id && r.reason === "secret: github")).toBe(true);
  });

  it("redacts secrets at the door on a completion, a retry changes nothing, and the chain verifies", async () => {
    const github = `ghp_${"Zx9Cv8Bn7Ml6Kj5Hg4Fd3Sa2Qw1Er0Ty9Ui8"}`;
    const created = await postJson("/api/interactions", { prompt: "partial turn, answered later" });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // An earlier redaction of the prompt: the completion's records must account for it too.
    await redacted(id, "/prompt");
    const completion = { response: `push with ${github} — 完了 ✅`, response_summary: "pushed" };
    const patch = () => apiFetch(`/api/interactions/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(completion) });
    const res = await patch();
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toContain(github);
    const answered = JSON.parse(text) as { response: string; response_summary: string; secrets_redacted: unknown };
    expect(answered).toMatchObject({ response: REDACTED_FIELD_TEXT, response_summary: "pushed", secrets_redacted: [{ pointer: "/response", rule: "github" }] });
    const listed = (await getJson(`/api/interactions/${id}/redactions`)).body as { redactions: Redaction[] };
    expect(listed.redactions.map((r) => [r.pointer, r.reason, r.digest])).toEqual([
      ["/prompt", "personal data", sha256("partial turn, answered later")],
      ["/response", "secret: github", sha256(completion.response)],
    ]);
    // The agent resends the completion: the same turn, nothing new recorded.
    const again = await patch();
    expect(again.status).toBe(200);
    expect(await again.json()).not.toHaveProperty("secrets_redacted");
    expect(((await getJson(`/api/interactions/${id}/redactions`)).body as { redactions: Redaction[] }).redactions).toHaveLength(2);
    const stored = await getJson(`/api/interactions/${id}`);
    expect(JSON.stringify(stored.body)).not.toContain(github);
    expect(await verify()).toMatchObject({ status: "ok", broken: null });
  });
});
