import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { startServer, type RunningServer } from "../helpers/server";
import { withDb } from "../helpers/db";
import { ErrorBodySchema } from "../helpers/schemas";

// Bad input, generated: >= 10,000 requests of hostile bodies and query strings at every
// route. Every answer is 2xx or a 4xx in the JSON error shape (never 5xx), and afterwards
// the database holds exactly the captures that were acknowledged. A server of its own (so
// the row count is exact) with small limits, so the limits are hit often and cheaply.
let server: RunningServer;
const LIMITS = { MAX_BODY_BYTES: 65536, MAX_STRING_CHARS: 20000, MAX_LIST_ITEMS: 50, MAX_ITEM_ID_CHARS: 64, MAX_LABEL_CHARS: 64, MAX_PACK_DEPTH: 8, MAX_PACK_KEYS: 200, MAX_QUERY_CHARS: 1024 };

beforeAll(async () => {
  server = await startServer({ env: Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])) });
});
afterAll(async () => {
  await server?.stop();
});

type Req = { method: "GET" | "POST"; path: string; body?: string | Uint8Array<ArrayBuffer>; contentType?: string; anonymous?: boolean };

// ---- generators -----------------------------------------------------------------------
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", " ", "\u0000", "<script>alert(1)</script>", "__proto__", "constructor", "1e309", "-0", "NaN", "null", "true", "0x10", "１２"),
  fc.integer().map(String),
  fc.nat({ max: 30_000 }).map((n) => "x".repeat(n)),
);
const nested = (depth: number): unknown => (depth === 0 ? "leaf" : { a: nested(depth - 1) });
const value = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.oneof(hostileString, fc.integer(), fc.constant(null)), { maxLength: 60 }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.nat({ max: 14 }).map(nested),
);
const FIELDS = ["id", "prompt", "response", "response_summary", "project", "client", "session_id", "memories_used", "chunks_used", "context_pack"];
const captureLike = fc
  .record(
    {
      prompt: fc.oneof(hostileString, value),
      ...Object.fromEntries(FIELDS.slice(2).map((f) => [f, value])),
      id: fc.oneof(fc.uuid(), hostileString),
      extra: value,
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o));
const validCapture = fc
  .record({ prompt: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), project: fc.string({ maxLength: 20 }), memories_used: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.integer()), { maxLength: 5 }), context_pack: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }) })
  .map((o) => JSON.stringify(o));
// Keys that try to pollute prototypes, as raw JSON text (JSON.stringify would drop them).
const pollution = fc
  .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), fc.boolean())
  .map(([key, nestedInPack]) =>
    nestedInPack ? `{"prompt":"p","context_pack":{"${key}":{"polluted":true}}}` : `{"prompt":"p","${key}":{"polluted":true}}`,
  );
const deepText = fc.nat({ max: 3000 }).map((n) => `{"prompt":"p","context_pack":${"[".repeat(n)}${"]".repeat(n)}}`.replace(/:\[/, ":{\"k\":[").replace(/}$/, "}}"));
const bodyText = fc.oneof(
  { weight: 4, arbitrary: captureLike },
  { weight: 3, arbitrary: validCapture },
  { weight: 1, arbitrary: pollution },
  { weight: 1, arbitrary: deepText },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: fc.string() },
);
const body = fc.oneof(
  { weight: 8, arbitrary: bodyText },
  // Invalid UTF-8 and arbitrary bytes.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x7b, 0xff, ...b])) },
);
const postRequest: fc.Arbitrary<Req> = fc.record({
  method: fc.constant("POST" as const),
  // Only where POST exists or no route does (a method a route does not serve is refused
  // with a 405 before any body is read: tests/api/method-not-allowed.test.ts).
  path: fc.constantFrom("/api/interactions", "/api/interactions", "/api/interactions", "/api/tokens", "/api/nope", "/api/nope/x"),
  body,
  contentType: fc.oneof({ weight: 10, arbitrary: fc.constant("application/json") }, fc.constantFrom("text/plain", "application/json; charset=latin1", "")),
  anonymous: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
});
const QUERY_KEYS = ["project", "client", "session_id", "since", "until", "limit", "cursor", "__proto__", "toString", "q"];
const queryValue = fc.oneof(
  hostileString.map((s) => s.slice(0, 200)),
  fc.constantFrom("2026-11-25", "2026-11-25T14:03:07Z", "2026-13-45", "-1", "0", "501", "1e3", "99999999999999999999", "%zz", "%FF%FE"),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => Buffer.from(s).toString("base64url")),
);
const query = fc.oneof(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), queryValue), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
  // Raw, unencoded text after the "?" (fetch encodes what a URL cannot carry).
  fc.string({ maxLength: 200 }).map((s) => s.replace(/#/g, "")),
  fc.nat({ max: 3000 }).map((n) => `project=${"p".repeat(n)}`),
);
const getRequest: fc.Arbitrary<Req> = fc.record({
  method: fc.constant("GET" as const),
  path: fc.oneof(
    query.map((q) => `/api/interactions?${q}`),
    fc.oneof(fc.uuid(), fc.string({ maxLength: 80 })).map((id) => `/api/interactions/${encodeURIComponent(id) || "x"}`),
    query.map((q) => `/api/health?${q}`),
    query.map((q) => `/api/tokens?${q}`),
    fc.string({ maxLength: 40 }).map((p) => `/api/${encodeURIComponent(p)}`),
  ),
  anonymous: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
});

// ---- the property -------------------------------------------------------------------
const accepted = new Set<string>();
let sent = 0;

/** Sends one request; returns what is wrong with the answer, or null. */
async function send(r: Req): Promise<string | null> {
  const res = await server.fetch(r.path, {
    method: r.method,
    headers: r.contentType ? { "content-type": r.contentType } : {},
    body: r.body,
    ...(r.anonymous ? { auth: false as const } : {}),
  });
  sent++;
  const text = await res.text();
  const problem = (what: string) => `${what}: ${r.method} ${r.path.slice(0, 200)} -> ${res.status} ${text.slice(0, 300)}`;
  if (res.status < 200 || res.status >= 500) return problem("not 2xx or 4xx");
  if (res.status >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return problem("error body is not JSON");
    }
    return ErrorBodySchema.safeParse(parsed).success ? null : problem("error body is not the envelope");
  }
  if (r.method === "POST") {
    if (res.status !== 201) return problem("a new record must be 201");
    if (r.path === "/api/interactions") accepted.add(JSON.parse(text).id);
  }
  return null;
}

describe("fuzzed requests at every route", () => {
  it("answers every one 2xx or a JSON 4xx, and stores exactly the acknowledged captures", async () => {
    // 250 runs of 40 concurrent requests: 10,000 requests, shrunk to a small batch on failure.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 3, arbitrary: postRequest }, { weight: 2, arbitrary: getRequest }), { minLength: 40, maxLength: 40 }), async (batch) => {
        const problems = (await Promise.all(batch.map(send))).filter((p) => p !== null);
        if (problems.length) throw new Error(problems.join("\n"));
      }),
      { numRuns: 250, endOnFailure: true, includeErrorInReport: true },
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(accepted.size).toBeGreaterThan(500);
    const stored = await withDb((db) => db.all<{ id: string }>(Prisma.sql`SELECT id FROM interactions`), server.databaseUrl);
    expect(new Set(stored.map((r) => r.id))).toEqual(accepted);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still healthy afterwards.
    expect((await server.fetch("/api/health")).status).toBe(200);
  }, 600_000);
});
