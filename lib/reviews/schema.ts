import { z } from "zod";
import { config } from "@/lib/config";
import { pointerTokens } from "@/lib/context-pack/json-pointer";
import type { Cursor } from "@/lib/interactions/cursor";
import { cursorParam, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "@/lib/interactions/schema";
import { parseInstant, INSTANT_FORMATS_HINT } from "@/lib/time";
import { VERDICTS, type Verdict } from "@/lib/reviews/verdicts";

// Reviews at the boundary: the body of POST .../reviews, the record the API answers, and the
// filters of GET /api/reviews. Shared by the API, the viewer and the tests.

export { VERDICTS, type Verdict };
export const MAX_NOTE_CHARS = 20_000;
const MAX_POINTER_CHARS = 2_000;

/** The labels this server accepts (REVIEW_LABELS). */
export function reviewLabels(): string[] {
  return config().REVIEW_LABELS;
}

const uuid = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .pipe(z.guid({ error: `${field} must be a UUID` }))
    .transform((s) => s.toLowerCase());

function buildReviewBodySchema(labels: readonly string[]) {
  return z
    .strictObject({
      id: uuid("id").optional(),
      verdict: z.enum(VERDICTS, { error: `verdict must be one of ${VERDICTS.join(", ")}` }).optional(),
      labels: z
        .array(z.enum(labels as [string, ...string[]], { error: `labels are ${labels.join(", ")}` }), { error: "labels must be an array" })
        .max(labels.length, "labels names a label twice")
        .default([])
        .transform((l) => [...new Set(l)].sort()),
      note: z
        .string({ error: "note must be a string" })
        .max(MAX_NOTE_CHARS, `note is longer than ${MAX_NOTE_CHARS} characters`)
        .optional()
        .transform((n) => (n === undefined || n.trim() === "" ? null : n)),
      pointer: z
        .string({ error: "pointer must be a string" })
        .max(MAX_POINTER_CHARS, `pointer is longer than ${MAX_POINTER_CHARS} characters`)
        .refine((p) => p !== "" && pointerTokens(p) !== null, "pointer must be a JSON Pointer to an item of the pack, such as /memories/0")
        .optional(),
      supersedes: uuid("supersedes").optional(),
      retract: z.literal(true, { error: "retract must be true (or left out)" }).optional(),
    })
    .superRefine((b, ctx) => {
      if (b.retract) {
        if (b.verdict !== undefined) ctx.addIssue({ code: "custom", path: ["verdict"], message: "a retraction carries no verdict" });
        if (b.supersedes === undefined) ctx.addIssue({ code: "custom", path: ["supersedes"], message: "a retraction names the review it retracts (supersedes)" });
      } else if (b.verdict === undefined) {
        ctx.addIssue({ code: "custom", path: ["verdict"], message: `verdict is required (${VERDICTS.join(", ")}), unless retract is true` });
      }
    });
}

let cachedBody: { labels: readonly string[]; schema: ReturnType<typeof buildReviewBodySchema> } | undefined;

/** The schema of a review body, with the labels configured in the environment. */
export function reviewBodySchema() {
  const labels = reviewLabels();
  if (cachedBody?.labels !== labels) cachedBody = { labels, schema: buildReviewBodySchema(labels) };
  return cachedBody.schema;
}

export type ReviewBody = z.output<ReturnType<typeof buildReviewBodySchema>>;

export type ReviewTarget = { interaction_id: string; pointer: string | null } | { session_id: string };

/** A review as the API answers it. `superseded_by` marks a review a later one corrected or retracted. */
export type ReviewRecord = {
  id: string;
  target: ReviewTarget;
  verdict: Verdict | null;
  retract: boolean;
  labels: string[];
  note: string | null;
  author: string;
  created_at: string;
  supersedes: string | null;
  superseded_by: string | null;
};

export type ReviewPage = { reviews: ReviewRecord[]; next_cursor: string | null };

// ---- list filters ---------------------------------------------------------------------

export type ReviewFilters = {
  verdict?: Verdict;
  label?: string;
  author?: string;
  project?: string;
  since?: number;
};
export type ReviewListQuery = ReviewFilters & { limit: number; cursor?: Cursor };

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

const pageParams = {
  limit: optionalText.transform((v, ctx) => {
    if (v === undefined) return DEFAULT_LIST_LIMIT;
    if (!/^\d+$/.test(v.trim()) || Number(v) < 1) {
      ctx.addIssue({ code: "custom", message: `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}` });
      return z.NEVER;
    }
    return Math.min(Number(v), MAX_LIST_LIMIT);
  }),
  cursor: cursorParam("cursor"),
};

/** Paging of one target's reviews (GET /api/interactions/{id}/reviews, /api/sessions/{id}/reviews). */
export const ReviewPageQuerySchema = z.object(pageParams);

/** The filters of GET /api/reviews. */
export const ReviewListQuerySchema = z.object({
    ...pageParams,
    verdict: optionalText.pipe(z.enum(VERDICTS, { error: `verdict must be one of ${VERDICTS.join(", ")}` }).optional()),
    label: optionalText,
    author: optionalText,
    project: optionalText,
    since: optionalText.transform((v, ctx) => {
      if (v === undefined) return undefined;
      const ms = parseInstant(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `since is not a valid time: ${INSTANT_FORMATS_HINT}` });
        return z.NEVER;
      }
      return ms;
    }),
});
