// A cheap test run on every string before the secretlint engine: the literals one of which each
// rule's pattern must contain (read from the rules in @secretlint/secretlint-rule-preset-recommend
// and secret-rules.ts). A string holding none of them cannot match, so it is not linted at all:
// one search of a 16 MiB body costs tens of milliseconds where the fifteen rules cost hundreds,
// and the ordinary capture, with no candidate anywhere, costs no lint run. Every literal is
// matched case-sensitively; the rules that ignore case (Slack webhooks, database URIs) are
// covered by "://", which has no letters.
const LITERALS: Record<string, readonly string[]> = {
  // `AWS_SECRET_ACCESS_KEY = ...` in SECRET, secret or Secret; the access key id and account id
  // scans (prefixes below) are off by default (enableIDScanRule) but kept should they be enabled.
  aws: ["SECRET", "secret", "Secret", "ACCOUNT", "account", "Account", "A3T", "AKIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ASIA"],
  // Service-account key files (JSON with a private_key; .p12 files): never our .txt source, kept.
  gcp: ["private_key"],
  privatekey: ["-----BEGIN"],
  npm: ["x-oauth-basic", "_authToken=", "npm_"],
  basicauth: ["://"],
  slack: ["xoxb-", "xoxp-", "xapp-", "xoxa-", "xoxo-", "xoxr-", "://"],
  sendgrid: ["SG."],
  shopify: ["shppa_", "shpca_", "shpat_", "shpss_"],
  github: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
  openai: ["sk-"],
  anthropic: ["sk-ant-api0"],
  linear: ["lin_api_"],
  "1password": ["ops_ey"],
  "database-connection-string": ["://"],
  // Not a secret but a comment that silences the rules after it: kept in the scan so that what
  // it silences stays what it would silence in the whole capture.
  "filter-comments": ["secretlint-"],
  "atocore-token": ["ato_"],
  "gitlab-token": ["glpat-", "glptt-", "gldt-", "glrt-", "glcbt-", "glsoat-", "glffct-", "glimt-", "glagent-", "gloas-"],
  jwt: ["eyJ"],
  "gcp-api-key": ["AIza"],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether a string may hold a secret one of these rules finds. Throws for a rule it has no
 * literals for (a preset upgrade that adds one): skipping that rule's secrets would be silent.
 */
export function secretPrefilter(ruleNames: readonly string[]): (text: string) => boolean {
  const missing = ruleNames.filter((name) => !(name in LITERALS));
  if (missing.length > 0) throw new Error(`secret-prefilter.ts has no literals for the rule(s) ${missing.join(", ")}`);
  const literals = [...new Set(ruleNames.flatMap((name) => LITERALS[name]))];
  const pattern = new RegExp(literals.map(escape).join("|"));
  return (text) => pattern.test(text);
}
