import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { fieldDigest, nodeDigest, REDACTED_FIELD_TEXT } from "@/lib/audit/redaction-content";
import { newTokenText } from "@/lib/auth/token-hash";
import type { CaptureInput } from "@/lib/interactions/schema";
import { findSecrets } from "@/lib/redactions/find-secrets";

// The secret rules on real-format fake secrets (each must be found, under the rule named) and on
// look-alikes that must be left alone, then the redaction of a capture that holds some.

const pem = (type: "pkcs1" | "pkcs8") =>
  generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type, format: "pem" }).toString();
const jwt = [
  Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url"),
  Buffer.from(JSON.stringify({ sub: "1234567890", name: "Fake User", iat: 1516239022 })).toString("base64url"),
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
].join(".");

const SECRETS: [rule: string, text: string][] = [
  ["aws", "aws_secret_access_key = Zq8vK2mN4pR7sT1uW3xY5zA6bC9dE0fG2hJ4kL7m"],
  ["gcp-api-key", "maps key AIzaSyD4x9Qk2LmN8pR5tV7wY1zB3cF6hJ0kM2o here"],
  ["privatekey", JSON.stringify({ type: "service_account", private_key_id: "1f2e3d", private_key: pem("pkcs8") })],
  ["github", `export GITHUB_TOKEN=ghp_${"Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6"}`],
  ["github", `github_pat_11ABCDEFG0a1B2c3D4e5f6_${"Z9y8X7w6V5u4T3s2R1q0P".repeat(2)}abcdefghijklmnopq`],
  ["gitlab-token", "token: glpat-Xy7Zq2Wv9Rt4Bn6Mk8Lp"],
  ["slack", "SLACK_BOT_TOKEN=xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"],
  ["slack", "https://hooks.slack.com/services/T01ABCDEF23/B04GHIJKL56/abcdefghijklmnopqrstuvwx"],
  ["privatekey", pem("pkcs1")],
  ["jwt", `Authorization: Bearer ${jwt}`],
  ["atocore-token", `ATOCORE_AUDIT_TOKEN=${newTokenText()}`],
];

const LOOK_ALIKES = [
  "AKIAIOSFODNN7EXAMPLE is the documentation's example key id",
  "ato_short and tomato_sauce_recipe_for_the_whole_family_and_friends_2026",
  `ato_${"a".repeat(42)}`,
  "ghp_tooShort and gh_pat_something",
  "glpat- and glpat-short",
  "the xoxb- prefix",
  "eyJhbGciOiJIUzI1NiJ9 alone is only a header",
  "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC7\n-----END PUBLIC KEY-----",
  "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 and uuid 0f8fad5b-d9cb-469f-a165-70867728950e",
  "東京都港区の住所と 🔑 emoji, مرحبا بالعالم",
  "AIza is how Google keys start",
];

describe("the secret rules", () => {
  it.each(SECRETS)("finds %s in a real-format fake secret", async (rule, text) => {
    const found = await findSecrets([{ pointer: "/prompt", text: `before\n${text}\nafter` }]);
    expect(found).toEqual([{ pointer: "/prompt", rules: expect.arrayContaining([rule]) as string[] }]);
  });

  it("leaves look-alikes alone", async () => {
    expect(await findSecrets(LOOK_ALIKES.map((text, i) => ({ pointer: `/context_pack/${i}`, text })))).toEqual([]);
  });

  it("maps each secret of one scan to the part that holds it", async () => {
    const parts = [...LOOK_ALIKES, ...SECRETS.map(([, t]) => t)].map((text, i) => ({ pointer: `/p/${i}`, text }));
    const found = await findSecrets(parts);
    expect(found.map((f) => f.pointer)).toEqual(SECRETS.map((_, i) => `/p/${LOOK_ALIKES.length + i}`));
  });

  it("finds the same again in parts it saw before, in another order and beside new ones", async () => {
    const seen = [...LOOK_ALIKES, ...SECRETS.map(([, t]) => t)];
    await findSecrets(seen.map((text, i) => ({ pointer: `/p/${i}`, text })));
    const again = [...seen, "a new look-alike: ghp_short", SECRETS[5][1].replace("glpat-", "glpat-A")].reverse();
    const found = await findSecrets(again.map((text, i) => ({ pointer: `/q/${i}`, text })));
    const holding = new Set([...SECRETS.map(([, t]) => t), again[0]]);
    expect(found.map((f) => f.pointer)).toEqual(again.flatMap((t, i) => (holding.has(t) ? [`/q/${i}`] : [])));
  });

  it("cannot be switched off by secretlint's comment directives inside the captured text", async () => {
    for (const directive of ["// secretlint-disable", "secretlint-disable-next-line", "<!-- secretlint-disable -->"]) {
      const parts = [{ pointer: "/prompt", text: `${directive}\n${SECRETS[0][1]}` }, { pointer: "/response", text: `${directive}\n${SECRETS[3][1]}` }];
      expect((await findSecrets(parts)).map((f) => f.pointer)).toEqual(["/prompt", "/response"]);
    }
  });

  it("leaves no performance marks behind (secretlint's profiler would keep ~50 a run for good)", async () => {
    const before = performance.getEntriesByType("mark").length;
    for (let i = 0; i < 20; i++) await findSecrets([{ pointer: "/prompt", text: SECRETS[3][1] }]);
    expect(performance.getEntriesByType("mark").length).toBe(before);
  });
});

describe("redactSecrets", () => {
  const input = (): CaptureInput => ({
    prompt: `deploy with ${SECRETS[3][1]}`,
    response: "done",
    response_summary: "",
    project: "p",
    client: "manual",
    session_id: "",
    memories_used: [],
    chunks_used: [],
    context_pack: { memories: [{ id: "m1", content: "harmless" }, { id: "m2", content: SECRETS[10][1] }], note: LOOK_ALIKES[0] },
  });

  it("redacts each part holding a secret with its marker and keeps the digest of what it removed", async () => {
    const { redactSecrets } = await import("@/lib/redactions/redact-secrets");
    const original = input();
    const { input: out, secrets } = await redactSecrets(original);
    expect(secrets).toEqual([
      { pointer: "/prompt", rule: "github", digest: fieldDigest(original.prompt) },
      { pointer: "/context_pack/memories/1/content", rule: "atocore-token", digest: nodeDigest(SECRETS[10][1]) },
    ]);
    expect(out.prompt).toBe(REDACTED_FIELD_TEXT);
    expect(out.response).toBe("done");
    expect(out.context_pack).toEqual({
      memories: [{ id: "m1", content: "harmless" }, { id: "m2", content: { redacted: true, digest: secrets[1].digest, reason: "secret: atocore-token" } }],
      note: LOOK_ALIKES[0],
    });
    // The caller's input is left as it was.
    expect(original).toEqual(input());
  });

  it("stores captures as sent with REDACT_SECRETS=0", async () => {
    vi.resetModules();
    vi.stubEnv("REDACT_SECRETS", "0");
    try {
      const { redactSecrets } = await import("@/lib/redactions/redact-secrets");
      expect(await redactSecrets(input())).toEqual({ input: input(), secrets: [] });
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
