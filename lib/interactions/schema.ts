import { z } from "zod";
import { config } from "@/lib/config";
import { decodeCursor, type Cursor } from "@/lib/interactions/cursor";
import { RANGE_PRESETS, type RangePreset } from "@/lib/interactions/range-presets";
import { parseSearch, type ParsedSearch } from "@/lib/search/fts-query";
import { INSTANT_FORMATS_HINT, parseInstant } from "@/lib/time";
import { occurredAtSchema } from "@/lib/interactions/occurred-at";
import { REVIEW_FILTERS, VERDICTS, type ReviewStateFilters } from "@/lib/reviews/verdicts";

// The interaction resource: what a capture body may hold, what the API answers, and how
// list filters are read from a query string. Routes, pages and tests all use this module.

export const MAX_LIST_LIMIT = 500;
export const DEFAULT_LIST_LIMIT = 50;

/** A stored interaction as the API returns it (field names as in the reference module). */
export const InteractionRecordSchema = z.strictObject({
  id: z.string(),
  prompt: z.string(),
  response: z.string(),
  response_summary: z.string(),
  project: z.string(),
  client: z.string(),
  session_id: z.string(),
  memories_used: z.array(z.string()),
  chunks_used: z.array(z.string()),
  context_pack: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime(),
  /** When PATCH completed the turn's response or summary; null for a turn never completed. */
  response_added_at: z.iso.datetime().nullable(),
  /** When the client says the turn happened (it may have arrived later); null when it did not say. */
  occurred_at: z.iso.datetime().nullable(),
});
export type InteractionRecord = z.infer<typeof InteractionRecordSchema>;

/** A record of the list: with its current review verdict (lib/reviews), null when unreviewed. */
export const InteractionListItemSchema = InteractionRecordSchema.extend({ review: z.enum(VERDICTS).nullable() });
export type InteractionListItem = z.infer<typeof InteractionListItemSchema>;

export const InteractionListSchema = z.strictObject({
  interactions: z.array(InteractionListItemSchema),
  next_cursor: z.string().nullable(),
});
export type InteractionList = z.infer<typeof InteractionListSchema>;

/** An interaction's texts, each whole at GET /api/interactions/{id}/text?field=... (pages show their starts). */
export const TEXT_FIELDS = ["prompt", "response", "response_summary"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const TextFieldQuerySchema = z.strictObject({
  field: z.enum(TEXT_FIELDS, { error: `field must be one of ${TEXT_FIELDS.join(", ")}` }),
});
/** Characters of each text the interaction page carries (a text may run to the 16 MB body limit). */
export const PAGE_TEXT_CHARS = 100_000;

type Limits = {
  MAX_STRING_CHARS: number;
  MAX_LIST_ITEMS: number;
  MAX_ITEM_ID_CHARS: number;
  MAX_LABEL_CHARS: number;
  MAX_PACK_DEPTH: number;
  MAX_PACK_KEYS: number;
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// PostgreSQL cannot store U+0000 in text or jsonb, nor an unpaired UTF-16 surrogate (JSON can
// escape one, "\ud800", but it is not Unicode text) in jsonb. The API answers the same on both
// databases, so such a string is refused (400, naming the field) on SQLite too.
const unstorable = (field: string) => `${field} contains U+0000 or an unpaired surrogate, which cannot be stored`;
const storable = (s: string) => s.isWellFormed() && !s.includes("\0");

// Walks the pack without recursion (a hostile pack may be deeper than the JS stack) and
// reports the first limit it breaks, or null.
function packProblem(pack: Record<string, unknown>, limits: Limits): string | null {
  let keys = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: pack, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === "string" && !storable(value)) return unstorable("context_pack");
    if (typeof value !== "object" || value === null) continue;
    if (depth > limits.MAX_PACK_DEPTH) return `context_pack is nested deeper than ${limits.MAX_PACK_DEPTH} levels`;
    const children = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) {
      keys += children.length;
      if (!Object.keys(value).every(storable)) return unstorable("context_pack");
    }
    if (keys > limits.MAX_PACK_KEYS) return `context_pack has more than ${limits.MAX_PACK_KEYS} keys`;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

function buildCaptureSchema(limits: Limits) {
  const text = (field: string, max = limits.MAX_STRING_CHARS) =>
    z
      .string({ error: `${field} must be a string` })
      .max(max, `${field} is longer than ${max} characters`)
      .refine(storable, unstorable(field));
  // Numbers are accepted and stored as text, as the reference's str(item) does.
  const idList = (field: string) =>
    z
      .array(
        z
          .union([z.string(), z.number()], { error: `${field} items must be strings or numbers` })
          .transform(String)
          .pipe(
            z
              .string()
              .max(limits.MAX_ITEM_ID_CHARS, `${field} items are limited to ${limits.MAX_ITEM_ID_CHARS} characters`)
              .refine(storable, unstorable(`${field} items`)),
          ),
        { error: `${field} must be an array of strings` },
      )
      .max(limits.MAX_LIST_ITEMS, `${field} has more than ${limits.MAX_LIST_ITEMS} items`);

  return z.strictObject(
    {
      id: z
        .string({ error: "id must be a string" })
        // Any UUID in its text form (RFC 9562), whatever its version and variant bits, as
        // Python's uuid.UUID and PostgreSQL accept it.
        .pipe(z.guid({ error: "id must be a UUID" }))
        .transform((s) => s.toLowerCase())
        .optional(),
      prompt: z
        .string({
          error: (iss) => (iss.input === undefined ? "prompt is required" : "prompt must be a string"),
        })
        .max(limits.MAX_STRING_CHARS, `prompt is longer than ${limits.MAX_STRING_CHARS} characters`)
        .refine((s) => s.trim().length > 0, "prompt must not be blank")
        .refine(storable, unstorable("prompt")),
      response: text("response").default(""),
      response_summary: text("response_summary").default(""),
      project: text("project", limits.MAX_LABEL_CHARS).default(""),
      client: text("client", limits.MAX_LABEL_CHARS).default(""),
      session_id: text("session_id", limits.MAX_LABEL_CHARS).default(""),
      memories_used: idList("memories_used").default([]),
      chunks_used: idList("chunks_used").default([]),
      // Kept as the very object that JSON.parse built (no copy), so key order and keys
      // such as "__proto__" survive exactly as sent.
      context_pack: z
        .custom<Record<string, unknown>>(isPlainObject, { error: "context_pack must be a JSON object" })
        .superRefine((pack, ctx) => {
          const problem = packProblem(pack, limits);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        })
        .default(() => ({})),
      // null is accepted as absent, so an exported record (which says null) imports as it was.
      occurred_at: occurredAtSchema.nullish(),
    },
    { error: (iss) => (iss.code === "invalid_type" ? "body must be a JSON object" : undefined) },
  );
}

let captureSchema: ReturnType<typeof buildCaptureSchema> | undefined;

/** The schema of a capture body, with the limits configured in the environment. */
export function captureBodySchema() {
  captureSchema ??= buildCaptureSchema(config());
  return captureSchema;
}
export type CaptureInput = z.output<ReturnType<typeof buildCaptureSchema>>;
export type CaptureBody = z.input<ReturnType<typeof buildCaptureSchema>>;

// ---- completing a partial turn (PATCH) -----------------------------------------------

/** The only fields a completion may carry; anything else is a conflict (complete-interaction.ts). */
export const COMPLETION_FIELDS = ["response", "response_summary"] as const;

function buildCompletionSchema(limits: Limits) {
  const value = (field: string) =>
    z
      .string({ error: `${field} must be a string` })
      .max(limits.MAX_STRING_CHARS, `${field} is longer than ${limits.MAX_STRING_CHARS} characters`)
      .refine((s) => s.trim().length > 0, `${field} must not be blank: a completion adds text`)
      .refine(storable, unstorable(field))
      .optional();
  return z
    .object(
      { response: value("response"), response_summary: value("response_summary") },
      { error: "body must be a JSON object" },
    )
    .refine((b) => b.response !== undefined || b.response_summary !== undefined, {
      message: "send response and/or response_summary",
    });
}

let completionSchema: ReturnType<typeof buildCompletionSchema> | undefined;

/** The schema of a PATCH body, with the configured limits. */
export function completionBodySchema() {
  completionSchema ??= buildCompletionSchema(config());
  return completionSchema;
}
export type CompletionInput = z.output<ReturnType<typeof buildCompletionSchema>>;

// ---- list filters, from URL search params -------------------------------------------

export type InteractionFilters = ReviewStateFilters & {
  project?: string;
  client?: string;
  session_id?: string;
  /** Inclusive lower bound, epoch ms. */
  since?: number;
  /** Exclusive upper bound, epoch ms. */
  until?: number;
  /** Full-text search over prompt, response and summary (lib/search). */
  q?: ParsedSearch;
};

export type ListQuery = InteractionFilters & {
  limit: number;
  /** Rows older than this cursor (the `next_cursor` of the previous page). */
  cursor?: Cursor;
  /** Rows newer than this cursor: the page before the one whose first row it names. */
  after?: Cursor;
  range?: RangePreset;
};

// An empty value means "no filter", as in the reference.
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

export const instant = (field: string) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const ms = parseInstant(v);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: `${field} is not a valid time: ${INSTANT_FORMATS_HINT}` });
      return z.NEVER;
    }
    return ms;
  });

/** A cursor parameter: decoded by `decode` (the list's keyset cursor by default), else an issue. */
export const cursorParam = <C = NonNullable<ReturnType<typeof decodeCursor>>>(field: string, decode: (text: string) => C | null = decodeCursor as (text: string) => C | null) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const cursor = decode(v);
    if (!cursor) {
      ctx.addIssue({ code: "custom", message: `${field} is not a cursor this server issued (it may come from another server or be cut short)` });
      return z.NEVER;
    }
    return cursor;
  });

export const ListQuerySchema = z
  .object({
    project: optionalText,
    client: optionalText,
    session_id: optionalText,
    since: instant("since"),
    until: instant("until"),
    q: optionalText.transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const parsed = parseSearch(v);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `the search is not valid: ${parsed.message}` });
        return z.NEVER;
      }
      return parsed.value;
    }),
    limit: optionalText.transform((v, ctx) => {
      if (v === undefined) return DEFAULT_LIST_LIMIT;
      if (!/^[+-]?\d+$/.test(v.trim())) {
        ctx.addIssue({ code: "custom", message: "limit must be an integer" });
        return z.NEVER;
      }
      // limit <= 0 lists nothing and large values are capped, as in the reference.
      return Math.max(0, Math.min(Number(v), MAX_LIST_LIMIT));
    }),
    cursor: cursorParam("cursor"),
    after: cursorParam("after"),
    // Jump by time: the page whose newest row is the newest at or before this instant.
    at: instant("at"),
    review: optionalText.pipe(z.enum(REVIEW_FILTERS, { error: `review must be one of ${REVIEW_FILTERS.join(", ")}` }).optional()),
    label: optionalText,
    range: optionalText.pipe(
      z.enum(Object.keys(RANGE_PRESETS) as [RangePreset, ...RangePreset[]], {
        error: `range must be one of ${Object.keys(RANGE_PRESETS).join(", ")}`,
      }).optional(),
    ),
  })
  .superRefine((q, ctx) => {
    if (q.cursor && q.after) ctx.addIssue({ code: "custom", path: ["after"], message: "use either cursor or after, not both" });
    if (q.at !== undefined && (q.cursor || q.after)) ctx.addIssue({ code: "custom", path: ["at"], message: "use either at or cursor/after, not both" });
  })
  // A range narrows since (the later bound wins), so since/until and a preset combine.
  // `at` becomes the cursor just after it: rows created at or before the instant.
  .transform(({ at, ...q }): ListQuery => {
    const paged = at === undefined ? q : { ...q, cursor: { createdAt: at + 1, seq: 0 } };
    if (!paged.range) return paged;
    const from = Date.now() - RANGE_PRESETS[paged.range];
    return { ...paged, since: paged.since === undefined ? from : Math.max(paged.since, from) };
  });

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads a query string (or a page's searchParams) into a plain object, first value wins. */
export function searchParamsToObject(input: SearchParamsInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input instanceof URLSearchParams) {
    for (const [k, v] of input) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(input)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first;
  }
  return out;
}

/** The one parser of list filters: the API answers 400 on failure, pages show the issues. */
export function parseListQuery(input: SearchParamsInput) {
  return ListQuerySchema.safeParse(searchParamsToObject(input));
}

export type ListQueryIssue = { param: string; message: string };

/** The list filters a URL may hold (paging and page size aside). */
export const FILTER_PARAMS = ["q", "project", "client", "session_id", "range", "since", "until", "review", "label"] as const;

/** A page's URL as read: the params kept (the ones that parsed), the query and what was ignored. */
export type ListUrl = { params: Record<string, string>; query: ListQuery; issues: ListQueryIssue[] };

/**
 * The lenient form pages use, the one reader of a list page's URL: a parameter that does not
 * parse is dropped (and reported), the others still apply, so a bad link shows a message
 * instead of an error page or an unfiltered list. `unsupported` names parameters the page does
 * not take, with the reason shown. Links are built from `params`, so a rejected one is not
 * carried on.
 */
export function parseListQueryLenient(input: SearchParamsInput, unsupported: Record<string, string> = {}): ListUrl {
  const raw = searchParamsToObject(input);
  const issues: ListQueryIssue[] = Object.entries(unsupported)
    .filter(([param]) => raw[param])
    .map(([param, message]) => ({ param, message }));
  const kept = () => Object.fromEntries(Object.entries(raw).filter(([k]) => !issues.some((i) => i.param === k)));
  const first = ListQuerySchema.safeParse(kept());
  if (!first.success) issues.push(...first.error.issues.map((i) => ({ param: String(i.path[0] ?? ""), message: i.message })));
  const second = first.success ? first : ListQuerySchema.safeParse(kept());
  const query = second.success ? second.data : ListQuerySchema.parse({});
  // The API answers limit <= 0 with an empty list (as the reference does); a page that showed
  // no rows beside a count of matches would only mislead, so it shows a default page instead.
  if (query.limit <= 0) {
    issues.push({ param: "limit", message: `a page shows at least one row; showing ${DEFAULT_LIST_LIMIT}` });
    query.limit = DEFAULT_LIST_LIMIT;
  }
  return { params: kept(), query, issues };
}
