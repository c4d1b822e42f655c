import { z } from "zod";

const intFromEnv = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .optional()
    .transform((v) => v ?? fallback);

const DEFAULT_REVIEW_LABELS = "wrong-memory,missing-context,stale-memory,unused-but-offered,hallucination,unsafe,pii";

// Every setting the server reads from its environment, validated once. README lists each.
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : "file:./data/atocore-audit.db")),
  // Connections each app server keeps to PostgreSQL (unused on SQLite).
  PG_POOL_SIZE: intFromEnv(10),
  // A context pack of several MB is a real turn; memory stays bounded by BODY_BUDGET_BYTES.
  MAX_BODY_BYTES: intFromEnv(16 * 1024 * 1024),
  // As large as the body limit, so that any body within MAX_BODY_BYTES fits one string.
  MAX_STRING_CHARS: intFromEnv(16 * 1024 * 1024),
  // Bytes of request bodies being read, parsed and stored at once, server-wide
  // (lib/api/body-budget.ts: each body byte counts four times); a request that does not fit
  // waits up to BODY_WAIT_MS, then is 503 with Retry-After.
  BODY_BUDGET_BYTES: intFromEnv(64 * 1024 * 1024),
  BODY_WAIT_MS: intFromEnv(5000),
  MAX_LIST_ITEMS: intFromEnv(10_000),
  MAX_ITEM_ID_CHARS: intFromEnv(512),
  // project, client and session_id are index keys: PostgreSQL refuses an index entry over 2,704
  // bytes, which two labels of 256 four-byte characters stay under (SQLite has no such limit,
  // but both databases answer alike).
  MAX_LABEL_CHARS: intFromEnv(256),
  MAX_PACK_DEPTH: intFromEnv(32),
  MAX_PACK_KEYS: intFromEnv(20_000),
  MAX_QUERY_CHARS: intFromEnv(4096),
  // How long the spans of GenAI traces are kept for the chat spans of later exports of the
  // same trace (lib/otlp/kept-spans.ts); 0 keeps none.
  OTLP_SPAN_KEEP_MS: intFromEnv(60 * 60 * 1000),
  // A streamed answer (an export, a session's turns, an audit packet) whose reader takes nothing
  // for this long is cut off, and what it held (one of the export thread's places) is freed.
  STREAM_STALL_MS: intFromEnv(60_000),
  AUTH_DISABLED: z
    .enum(["", "0", "1", "true", "false"], { message: "must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
  // The first admin token, chosen by the operator (e.g. from a secret store) instead of a random
  // one printed at first start. Used only while the database holds no active token.
  ATOCORE_AUDIT_ADMIN_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().min(32, "must be at least 32 characters").optional()),
  // Failed sign-ins and bad tokens one client address may make per minute before it is 429
  // (lib/auth/failure-throttle.ts); 0 turns the throttle off.
  AUTH_FAILURES_PER_MINUTE: intFromEnv(10),
  // 1 when one reverse proxy stands in front: the client address is then the last
  // X-Forwarded-For entry, else the socket's peer.
  TRUST_PROXY: z
    .enum(["", "0", "1"], { message: "must be 1 or 0" })
    .optional()
    .transform((v) => v === "1"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // A full verification of the hash chain runs in the background when the last one is older
  // than this (lib/audit/audit-status.ts); 0: only at first start and when asked for.
  AUDIT_FULL_VERIFY_HOURS: intFromEnv(24),
  // Interactions older than this many days are retired (deleted with everything derived from
  // them, a `retired` link per batch keeping the chain verifiable: lib/retention/) by a
  // background job every RETENTION_INTERVAL_MS; unset or empty keeps them forever.
  RETENTION_DAYS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().regex(/^[1-9]\d*$/, "must be a whole number of days, at least 1").transform(Number).optional()),
  RETENTION_INTERVAL_MS: intFromEnv(60 * 60 * 1000),
  // SQLite: the server runs its write transactions on a thread of their own (lib/db/sqlite/write-thread.ts);
  // 0 runs them on the event loop instead (npm run bench compares the two).
  SQLITE_WRITE_THREAD: z
    .enum(["0", "1"])
    .optional()
    .transform((v) => v !== "0"),
  // Captures are scanned for secrets (lib/redactions/redact-secrets.ts), which are redacted
  // before the row is stored; 0 stores them as sent.
  REDACT_SECRETS: z
    .enum(["0", "1"])
    .optional()
    .transform((v) => v !== "0"),
  // The labels a review may carry (lib/reviews/schema.ts): comma-separated, each lower-case
  // letters, digits and dashes.
  REVIEW_LABELS: z
    .string()
    .trim()
    .optional()
    .transform((v) => [...new Set((v || DEFAULT_REVIEW_LABELS).split(",").map((l) => l.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "each label is 1-64 lower-case letters, digits and dashes"))
        .min(1, "must name at least one label"),
    ),
  // Enables the bench-only routes under /api/bench (npm run bench); never set in production.
  BENCH_ROUTES: z
    .enum(["0", "1"])
    .optional()
    .transform((v) => v === "1"),
});

export type Config = z.infer<typeof EnvSchema>;

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  cached = parsed.data;
  return cached;
}
