import type { SecretLintRuleCreator } from "@secretlint/types";

// secretlint rules for the formats its recommended preset does not cover: this service's own API
// tokens (lib/auth/token-hash.ts: "ato_" + 32 random bytes in base64url), GitLab tokens, JWTs
// and Google API keys (its GCP rule finds service-account key files only). Each reports every match; the preset covers the cloud providers, GitHub, Slack, private
// key blocks and more.

// A match must not continue a longer token: the character before it is checked here rather than
// with a lookbehind, which V8 would test at every position instead of searching for the literal.
const TOKEN_CHAR = /[A-Za-z0-9_-]/;

function patternRule(id: string, what: string, pattern: RegExp): SecretLintRuleCreator {
  const messages = { FOUND: { en: () => `found ${what}` } };
  return {
    messages,
    meta: { id, type: "scanner", recommended: true, supportedContentTypes: ["text"] },
    create(context) {
      const t = context.createTranslator(messages);
      return {
        file(source) {
          for (const m of source.content.matchAll(pattern)) {
            if (m.index > 0 && TOKEN_CHAR.test(source.content[m.index - 1])) continue;
            context.report({ message: t("FOUND"), range: [m.index, m.index + m[0].length] });
          }
        },
      };
    },
  };
}

export const atocoreTokenRule = patternRule("atocore-token", "an atocore-audit API token", /ato_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g);
// Personal, project, group and deploy tokens (glpat-, glptt-, gldt-, ...) and runner tokens (glrt-).
export const gitlabTokenRule = patternRule("gitlab-token", "a GitLab token", /gl(?:pat|ptt|dt|rt|cbt|soat|ffct|imt|agent|oas)-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g);
// Three base64url parts, the first two JSON objects ("eyJ" is `{"` encoded).
export const jwtRule = patternRule("jwt", "a JSON Web Token", /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_.-])/g);
// "AIza" and 35 more characters.
export const googleApiKeyRule = patternRule("gcp-api-key", "a Google API key", /AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g);
