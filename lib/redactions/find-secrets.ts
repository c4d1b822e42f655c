import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretLintCoreConfig } from "@secretlint/types";
import { secretPrefilter } from "@/lib/redactions/secret-prefilter";
import { atocoreTokenRule, gitlabTokenRule, googleApiKeyRule, jwtRule } from "@/lib/redactions/secret-rules";

// Secrets in the text parts of a capture, found with secretlint's recommended preset and our
// rules (secret-rules.ts). Only the parts that pass the pre-filter (secret-prefilter.ts) are
// linted, as ONE source (one lint run per capture, not one per string), each match mapped back
// to the part it lies in; a capture with no such part runs no lint at all. Only where and which
// rule is kept: never the value.

// secretlint 11 profiles every lint run: about fifty performance marks each, kept for good in
// Node's timeline and in the profiler's own arrays, and its observer's work grows with them.
// In a server that is a leak, and a lint run that slows with every capture before it (5,000
// runs: 37 ms each). Upstream made profiling opt-in (secretlint/secretlint#1673, 13.x, which
// needs Node 22); until then its marks are dropped here. @secretlint/profiler is external to the
// bundle (next.config.mjs) like @secretlint/core, so this is the instance core marks with.
secretLintProfiler.mark = () => undefined;

const CONFIG: SecretLintCoreConfig = {
  rules: [
    { id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended },
    { id: "atocore-token", rule: atocoreTokenRule },
    { id: "gitlab-token", rule: gitlabTokenRule },
    { id: "jwt", rule: jwtRule },
    { id: "gcp-api-key", rule: googleApiKeyRule },
  ],
};
// Between parts: a line break on each side keeps line-anchored patterns (private key blocks)
// working, and the NUL keeps a match from running from one part into the next.
const SEPARATOR = "\n\u0000\n";

export type TextPart = { pointer: string; text: string };
export type FoundSecret = { pointer: string; rules: string[] };

/** The short name of a rule: "@secretlint/secretlint-rule-aws" is "aws". */
const ruleName = (id: string) => id.replace(/^@secretlint\/secretlint-rule-/, "");

const mayHoldSecret = secretPrefilter(
  CONFIG.rules.flatMap((r) => ("rules" in r.rule ? r.rule.rules.map((child) => child.meta.id) : [r.id])).map(ruleName),
);

// Texts the lint found no secret in, the most recently seen first out last: the same memories
// and chunks are offered turn after turn, and an OTLP export keeps the spans whose texts its
// captures were just scanned for. A part's verdict is its own (SEPARATOR), so a remembered one
// holds in any scan. Short texts only, so the memo stays a few MB at most.
const CLEAN_MEMO_ENTRIES = 2048;
const CLEAN_MEMO_MAX_CHARS = 2048;
const knownClean = new Set<string>();

function remembered(text: string): boolean {
  if (!knownClean.delete(text)) return false;
  knownClean.add(text);
  return true;
}

function rememberClean(text: string) {
  if (text.length > CLEAN_MEMO_MAX_CHARS) return;
  knownClean.add(text);
  if (knownClean.size > CLEAN_MEMO_ENTRIES) knownClean.delete(knownClean.values().next().value!);
}

/** The parts that hold a secret, each with the rules that matched, in the parts' order. */
export async function findSecrets(parts: readonly TextPart[]): Promise<FoundSecret[]> {
  const candidates = parts.flatMap((p, i) => (mayHoldSecret(p.text) && !remembered(p.text) ? [i] : []));
  if (candidates.length === 0) return [];
  const starts: number[] = [];
  let at = 0;
  for (const i of candidates) {
    starts.push(at);
    at += parts[i].text.length + SEPARATOR.length;
  }
  const result = await lintSource({
    source: { content: neutralDirectives(candidates.map((i) => parts[i].text).join(SEPARATOR)), filePath: "capture.txt", ext: ".txt", contentType: "text" },
    options: { config: CONFIG, noPhysicFilePath: true, maskSecrets: true },
  });
  const found = new Map<number, Set<string>>();
  for (const m of result.messages) {
    const index = candidates[partAt(starts, m.range[0])];
    const rules = found.get(index) ?? new Set<string>();
    rules.add(ruleName(m.ruleId));
    found.set(index, rules);
  }
  for (const i of candidates) if (!found.has(i)) rememberClean(parts[i].text);
  return [...found.keys()].sort((a, b) => a - b).map((i) => ({ pointer: parts[i].pointer, rules: [...found.get(i)!].sort() }));
}

/**
 * The text with secretlint's comment directives (secretlint-disable, -enable, -line, -next-line)
 * made inert, at the same length so offsets still map to parts: the captured text is data, and a
 * sender must not be able to switch the scan off with it.
 */
function neutralDirectives(text: string): string {
  return text.replace(/secretlint-(?=disable|enable)/gi, "secretlint_");
}

/** The index of the part an offset of the joined source lies in (binary search of the starts). */
function partAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
