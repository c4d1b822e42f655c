import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { AuditApiError, AuditClient, AuditNetworkError } from "@/lib/client";
import { InteractionRecordSchema } from "@/lib/interactions/schema";
import { baseUrl, getJson, uid } from "../helpers/api";
import { insertDirect } from "../helpers/db";
import { freePort } from "../helpers/server";
import { runScript } from "../helpers/run-script";

const client = () => new AuditClient({ url: baseUrl() + "/", token: inject("token") });

describe("AuditClient against the real server", () => {
  it("records and gets an interaction, typed as the API returns it", async () => {
    const project = uid("cli");
    const stored = await client().record({ prompt: "hello", project, memories_used: ["m1", 2], context_pack: { a: [1] } });
    expect(InteractionRecordSchema.parse(stored)).toMatchObject({ prompt: "hello", project, memories_used: ["m1", "2"], context_pack: { a: [1] } });
    expect(await client().get(stored.id)).toEqual(stored);
    expect((await getJson(`/api/interactions/${stored.id}`)).body).toEqual(stored);
  });

  it("lists every matching interaction across pages, newest first", async () => {
    const project = uid("pages");
    const ids = await insertDirect(Array.from({ length: 23 }, (_, i) => ({ project, created_at: Date.UTC(2026, 2, 1) + i })));
    const seen: string[] = [];
    for await (const i of client().list({ project }, { pageSize: 5 })) seen.push(i.id);
    expect(seen).toEqual([...ids].reverse());
    const filtered: string[] = [];
    for await (const i of client().list({ project, since: "2026-03-01T00:00:00.020Z" }, { pageSize: 2 })) filtered.push(i.id);
    expect(filtered).toEqual(ids.slice(20).reverse());
  });

  it("throws typed errors carrying the server's envelope", async () => {
    const invalid = await client().record({ prompt: " ", memories_used: "x" as never }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AuditApiError);
    expect(invalid).toMatchObject({ status: 400, code: "validation_failed", retryable: false });
    expect((invalid as AuditApiError).issues?.map((i) => i.path[0]).sort()).toEqual(["memories_used", "prompt"]);

    const missing = await client().get(randomUUID()).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: "not_found" });

    const id = randomUUID();
    await client().record({ id, prompt: "one" });
    expect(await client().record({ id, prompt: "two" }).catch((e: unknown) => e)).toMatchObject({ status: 409, code: "conflict" });

    const down = await new AuditClient({ url: `http://127.0.0.1:${await freePort()}` }).get(id).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(AuditNetworkError);
  });

  it("records a batch with one result per capture, in order", async () => {
    const project = uid("batch");
    const known = randomUUID();
    await client().record({ id: known, prompt: "known", project });
    const results = await client().recordBatch([
      { prompt: "a", project },
      { id: known, prompt: "known", project },
      { prompt: "", project },
    ]);
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "duplicate"],
      [2, "error"],
    ]);
    expect(results[1].id).toBe(known);
    expect(results[2].error?.code).toBe("validation_failed");
    expect(await client().recordBatch([])).toEqual([]);
  });

  it("flushes buffered captures when a program ends without closing the recorder", async () => {
    const project = uid("exit");
    const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-audit-client-"));
    const script = path.join(dir, "agent.ts");
    writeFileSync(
      script,
      `import { AuditClient } from ${JSON.stringify(path.resolve("lib/client/index.ts"))};
       const rec = new AuditClient({ url: process.env.URL!, token: process.env.TOKEN }).buffered({ flushIntervalMs: 60_000 });
       for (let i = 0; i < 7; i++) rec.record({ prompt: "turn " + i, project: process.env.PROJECT });
       console.log("pending", rec.pending);`,
    );
    const r = await runScript(script, [], { URL: baseUrl(), TOKEN: inject("token"), PROJECT: project });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("pending 7");
    const { body } = await getJson(`/api/interactions?project=${project}`);
    expect((body as { interactions: unknown[] }).interactions).toHaveLength(7);
  });
});
