import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { InteractionRecordSchema } from "@/lib/interactions/schema";
import { baseUrl, postJson, uid } from "../helpers/api";
import { startFlakyProxy } from "../helpers/flaky-proxy";
import { runScript, startScript } from "../helpers/run-script";

const env = () => ({ ATOCORE_AUDIT_URL: baseUrl(), ATOCORE_AUDIT_TOKEN: inject("token") });
const cli = (args: string[], stdin?: string) => runScript("scripts/cli.ts", args, env(), stdin);

// Each CLI run starts tsx (1-2 s on a loaded machine), so these tests get more time.
describe("npm run cli", { timeout: 90_000 }, () => {
  it("records with every flag, gets, and lists with filters as text and JSON", async () => {
    const project = uid("cli");
    const rec = await cli([
      "record", "--prompt", "first\nline two", "--project", project, "--client", "manual", "--session-id", `${project}-s`,
      "--response", "r", "--response-summary", "rs", "--memory", "m1", "--memory", "m2", "--chunk", "c1",
      "--context-pack", '{"k":[1]}',
    ]);
    expect(rec.stderr).toBe("");
    expect(rec.code).toBe(0);
    const stored = InteractionRecordSchema.parse(JSON.parse(rec.stdout));
    expect(stored).toMatchObject({ prompt: "first\nline two", project, client: "manual", session_id: `${project}-s`, response: "r", response_summary: "rs", memories_used: ["m1", "m2"], chunks_used: ["c1"], context_pack: { k: [1] } });

    // The shell's final newline is dropped; the prompt's own line breaks are kept.
    const fromStdin = await cli(["record", "--prompt", "-", "--project", project, "--client", "other"], "prompt from stdin\nsecond line\n");
    const second = InteractionRecordSchema.parse(JSON.parse(fromStdin.stdout));
    expect(second.prompt).toBe("prompt from stdin\nsecond line");

    const got = await cli(["get", stored.id]);
    expect(JSON.parse(got.stdout)).toEqual(stored);

    const json = await cli(["list", "--project", project, "--json"]);
    expect(json.stdout.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual([second.id, stored.id]);
    const filtered = await cli(["list", "--project", project, "--client", "manual", "--json"]);
    expect(filtered.stdout.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual([stored.id]);
    const limited = await cli(["list", "--project", project, "--limit", "1"]);
    const lines = limited.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(second.id);
    expect(lines[0]).toContain(project);
  });

  it("reports the server's error envelope and exits 1", async () => {
    const missing = await cli(["get", randomUUID()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error 404 not_found: No interaction with id/);
    const invalid = await cli(["record", "--prompt", "  "]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/error 400 validation_failed[\s\S]*prompt: prompt must not be blank/);
    const usage = await cli(["record"]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/record needs --prompt/);
    const unknown = await cli(["list", "--nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--nope'/);
    const down = await runScript("scripts/cli.ts", ["list", "--url", "http://127.0.0.1:9"], {});
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach the audit server/);
  });

  it("tail prints the newest captures, then follows new ones", async () => {
    const project = uid("tail");
    for (const p of ["old 1", "old 2", "old 3"]) await postJson("/api/interactions", { prompt: p, project });
    const tail = startScript("scripts/cli.ts", ["tail", "--project", project, "--lines", "2", "--interval", "100", "--json"], env());
    try {
      await tail.waitFor((out) => out.includes("old 3"));
      for (const p of ["new 1", "new 2"]) await postJson("/api/interactions", { prompt: p, project });
      await tail.waitFor((out) => out.includes("new 2"));
      await postJson("/api/interactions", { prompt: "new 3", project });
      await tail.waitFor((out) => out.includes("new 3"));
      const prompts = tail.output().trim().split("\n").map((l) => JSON.parse(l).prompt);
      expect(prompts).toEqual(["old 2", "old 3", "new 1", "new 2", "new 3"]);
    } finally {
      await tail.stop();
    }
  });

  it("tail keeps following when the server is unreachable for a while", async () => {
    const project = uid("tailr");
    await postJson("/api/interactions", { prompt: "before", project });
    const proxy = await startFlakyProxy(baseUrl());
    const tail = startScript("scripts/cli.ts", ["tail", "--project", project, "--interval", "50", "--json"], { ...env(), ATOCORE_AUDIT_URL: proxy.url });
    try {
      await tail.waitFor((out) => out.includes("before"));
      proxy.inject("reset", "503");
      await tail.waitFor((out) => (out.match(/retrying/g) ?? []).length >= 2);
      await postJson("/api/interactions", { prompt: "after", project });
      await tail.waitFor((out) => out.includes('"after"'));
    } finally {
      await tail.stop();
      await proxy.close();
    }
  });
});
