import { describe, expect, it } from "vitest";
import { secretPrefilter } from "@/lib/redactions/secret-prefilter";

// The pre-filter passes over text no rule can match and keeps anything one could; a rule it
// has no literals for is an error, not a rule silently skipped. (That every real-format secret
// gets through it is tests/unit/secret-rules.test.ts: findSecrets runs it.)

describe("secretPrefilter", () => {
  const mayHoldSecret = secretPrefilter(["github", "slack", "database-connection-string", "filter-comments"]);

  it("keeps text holding one of the rules' literals", () => {
    expect(mayHoldSecret(`token ghp_${"a".repeat(36)}`)).toBe(true);
    expect(mayHoldSecret("HTTPS://HOOKS.SLACK.COM/services/T0/B0/x")).toBe(true);
    expect(mayHoldSecret("postgres://u:p@db/x")).toBe(true);
    expect(mayHoldSecret("// secretlint-disable")).toBe(true);
  });

  it("passes over text holding none", () => {
    expect(mayHoldSecret("東京都港区の住所と 🔑 emoji, مرحبا بالعالم; the ghp prefix alone")).toBe(false);
    expect(mayHoldSecret("x".repeat(1_000_000))).toBe(false);
  });

  it("refuses a rule it has no literals for", () => {
    expect(() => secretPrefilter(["github", "a-new-rule"])).toThrow(/a-new-rule/);
  });
});
