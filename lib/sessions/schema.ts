import { z } from "zod";
import type { Cursor } from "@/lib/interactions/cursor";
import { InteractionRecordSchema, ListQuerySchema, MAX_LIST_LIMIT } from "@/lib/interactions/schema";
import { VERDICTS } from "@/lib/reviews/verdicts";

// The session resource. A session is every interaction sharing a non-empty session_id.
// Its list is filtered exactly like the interactions list (project, client, session_id,
// since, until, limit, cursor): the same parser, ListQuerySchema, reads both.

export const SessionSummarySchema = z.strictObject({
  session_id: z.string(),
  /** The prompt of its first turn, cut to FIRST_PROMPT_CHARS. */
  first_prompt: z.string(),
  turns: z.number().int(),
  projects: z.array(z.string()),
  clients: z.array(z.string()),
  first_at: z.iso.datetime(),
  last_at: z.iso.datetime(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

/** A session of the list: with its current session verdict (lib/reviews), null when unreviewed. */
export const SessionListItemSchema = SessionSummarySchema.extend({ review: z.enum(VERDICTS).nullable() });
export type SessionListItem = z.infer<typeof SessionListItemSchema>;

export const SessionListSchema = z.strictObject({
  sessions: z.array(SessionListItemSchema),
  next_cursor: z.string().nullable(),
  /** How many sessions match the filters; `estimated` when counting them all would be too slow. */
  total: z.strictObject({ count: z.number().int(), estimated: z.boolean() }),
});

/** How much of a session's first prompt the list carries. */
export const FIRST_PROMPT_CHARS = 200;

export const SESSION_SORTS = ["last_active", "turns", "span"] as const;
const blankIsDefault = (v: unknown) => (v === "" ? undefined : v);

/**
 * The sessions list's order: by last activity (the default), turns or span (last - first turn),
 * descending (the default) or ascending; every one pages by keyset from an index.
 */
export const SessionSortSchema = z
  .object({
    sort: z.preprocess(blankIsDefault, z.enum(SESSION_SORTS, { error: `sort must be one of ${SESSION_SORTS.join(", ")}` }).default("last_active")),
    order: z.preprocess(blankIsDefault, z.enum(["desc", "asc"], { error: "order must be desc or asc" }).default("desc")),
    // `at` (jump to a time) is a position in time: it has no meaning in another order.
    at: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.at && q.sort !== "last_active") ctx.addIssue({ code: "custom", path: ["at"], message: "at works only with sort=last_active" });
  })
  .transform(({ sort, order }) => ({ sort, order }));
export type SessionSort = z.output<typeof SessionSortSchema>;
export type SessionList = z.infer<typeof SessionListSchema>;

/** A turn is an interaction with its 1-based position in the session. */
export const SessionTurnSchema = InteractionRecordSchema.extend({ turn: z.number().int() });
export type SessionTurn = z.infer<typeof SessionTurnSchema>;

export const SessionDetailSchema = z.strictObject({
  session: SessionSummarySchema,
  turns: z.array(SessionTurnSchema),
  next_cursor: z.string().nullable(),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

/**
 * The turns of one session page by the interactions cursor, oldest first, up to 500 at a
 * time (the default: most sessions fit one page).
 */
export const SessionTurnsQuerySchema = z
  .object({ limit: z.string().optional(), cursor: z.string().optional() })
  .transform(({ limit, cursor }): z.input<typeof ListQuerySchema> => ({ limit: limit ?? String(MAX_LIST_LIMIT), cursor }))
  .pipe(ListQuerySchema)
  .transform(({ limit, cursor }) => ({ limit, cursor }));
export type SessionTurnsQuery = { limit: number; cursor?: Cursor };

export const ExportQuerySchema = z.object({
  format: z.enum(["md", "json"], { error: "format must be md or json" }),
});

const MarkSchema = z.enum(["used", "offered"]);

/** One item of a pack diff (lib/sessions/pack-diff.ts), labelled by what happened to it. */
export const PackDiffItemSchema = z.strictObject({
  kind: z.enum(["memory", "chunk", "item"]),
  id: z.string(),
  change: z.enum(["entered", "left", "changed"]),
  /** The item's text differs from the previous turn's (only for "changed"). */
  text_changed: z.boolean(),
  /** The used / offered mark differs from the previous turn's (only for "changed"). */
  mark_changed: z.boolean(),
  /** The mark in this turn (for "left": in the previous turn). */
  mark: MarkSchema,
  /** The mark in the previous turn; null for an item that entered. */
  previous_mark: MarkSchema.nullable(),
  /** The item's text, cut short (for "left": the previous turn's). */
  text: z.string(),
  /** The previous turn's text when it changed, else null. */
  previous_text: z.string().nullable(),
});
export type PackDiffItem = z.infer<typeof PackDiffItemSchema>;

export const PackDiffSchema = z.strictObject({
  counts: z.strictObject({
    entered: z.number().int(),
    left: z.number().int(),
    text_changed: z.number().int(),
    mark_changed: z.number().int(),
    unchanged: z.number().int(),
  }),
  items: z.array(PackDiffItemSchema),
});
export type PackDiff = z.infer<typeof PackDiffSchema>;

/**
 * Characters of a turn's prompt, response and summary a window carries: a window of 100 turns
 * whose texts run to MBs each (the body limit is 16 MB) would otherwise be built whole in
 * memory. A cut text links to its interaction's page.
 */
export const TURN_TEXT_CHARS = 10_000;

/**
 * A turn as the turns API and the transcript show it: the pack as counts (it is loaded on
 * demand) and its diff with the previous turn; prompt, response and summary cut to their first
 * TURN_TEXT_CHARS characters, with their whole lengths in `text_chars`.
 */
export const SessionTurnViewSchema = SessionTurnSchema.omit({ context_pack: true }).extend({
  text_chars: z.strictObject({ prompt: z.number().int(), response: z.number().int(), response_summary: z.number().int() }),
  pack: z.strictObject({ items: z.number().int(), used: z.number().int(), offered: z.number().int() }),
  /** When the previous turn was captured; null for the first turn. */
  previous_at: z.iso.datetime().nullable(),
  /** Null for the first turn. */
  pack_diff: PackDiffSchema.nullable(),
});
export type SessionTurnView = z.infer<typeof SessionTurnViewSchema>;

export const SessionTurnsWindowSchema = z.strictObject({
  session: SessionSummarySchema,
  turns: z.array(SessionTurnViewSchema),
  /** The `from` of the next window, or null at the session's end. */
  next_from: z.number().int().nullable(),
});
export type SessionTurnsWindow = z.infer<typeof SessionTurnsWindowSchema>;

export const TURN_WINDOW_DEFAULT = 25;
export const TURN_WINDOW_MAX = 100;

const positiveInt = (name: string, max?: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(max === undefined ? z.number().int().min(1, `${name} must be at least 1`) : z.number().int().min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`));

/** A window of turns: `from` (1-based turn number) and how many (up to TURN_WINDOW_MAX). */
export const SessionTurnsWindowQuerySchema = z.object({
  from: positiveInt("from").default(1),
  limit: positiveInt("limit", TURN_WINDOW_MAX).default(TURN_WINDOW_DEFAULT),
});
export type SessionTurnsWindowQuery = z.output<typeof SessionTurnsWindowQuerySchema>;

/** GET /api/interactions/{id}/pack-diff: the interaction's pack compared with the previous turn of its session. */
export const InteractionPackDiffSchema = z.strictObject({
  interaction_id: z.string(),
  /** Null when the interaction has no session. */
  session_id: z.string().nullable(),
  turn: z.number().int().nullable(),
  previous_turn: z.number().int().nullable(),
  previous_id: z.string().nullable(),
  /** Null for the first turn of a session, or without a session. */
  pack_diff: PackDiffSchema.nullable(),
});
export type InteractionPackDiff = z.infer<typeof InteractionPackDiffSchema>;
