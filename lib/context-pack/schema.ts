import { z } from "zod";
import { pointerTokens } from "@/lib/context-pack/json-pointer";

// GET /api/interactions/{id}/pack: the context pack a page of items or one node at a time, so
// that a multi-MB pack never travels whole. Shared by the route, the detail page, the viewer
// and the tests.

export const PACK_PAGE_MAX_LIMIT = 200;
export const PACK_PAGE_DEFAULT_LIMIT = 50;
export const PACK_QUERY_MAX_CHARS = 200;

const flag = (name: string) =>
  z
    .enum(["0", "1", "true", "false"], { error: `${name} must be 1 or 0` })
    .optional()
    .transform((v) => v === "1" || v === "true");

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(n >= min && n <= max)) {
        ctx.addIssue({ code: "custom", message: `${name} must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

export const PackQuerySchema = z.strictObject({
  pointer: z
    .string()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => pointerTokens(v) !== null, { message: 'pointer must be a JSON Pointer: empty, or "/" followed by keys (~0 is "~", ~1 is "/")' }),
  offset: integer("offset", 0, 1_000_000, 0),
  limit: integer("limit", 1, PACK_PAGE_MAX_LIMIT, PACK_PAGE_DEFAULT_LIMIT),
  used: flag("used"),
  q: z
    .string()
    .max(PACK_QUERY_MAX_CHARS, { error: `q is longer than ${PACK_QUERY_MAX_CHARS} characters` })
    .optional()
    .transform((v) => v?.trim() ?? ""),
  expand: flag("expand"),
});

export type PackQuery = z.output<typeof PackQuerySchema>;

const ItemKindSchema = z.enum(["memory", "chunk", "item"]);
const PackMarkSchema = z.enum(["used", "offered"]);

export const PackItemEntrySchema = z.strictObject({
  pointer: z.string(),
  id: z.string(),
  kind: ItemKindSchema,
  mark: PackMarkSchema,
  /** The item's text (or its JSON) on one line, cut short. */
  preview: z.string(),
  /** Bytes of the item's JSON. */
  size: z.number().int(),
  /** The item whole: only with expand=1, and only while the page's values stay small. */
  value: z.record(z.string(), z.unknown()).optional(),
});
export type PackItemEntry = z.infer<typeof PackItemEntrySchema>;

export const PackFieldSchema = z.strictObject({
  pointer: z.string(),
  key: z.string(),
  type: z.enum(["object", "array", "string", "number", "boolean", "null"]),
  /** Items (memories, chunks, other objects with an id) beneath it. */
  items: z.number().int(),
  size: z.number().int(),
  preview: z.string(),
});
export type PackField = z.infer<typeof PackFieldSchema>;

export const PackSummarySchema = z.strictObject({
  /** Bytes of the pack as compact JSON (UTF-8). */
  bytes: z.number().int(),
  items: z.number().int(),
  used: z.number().int(),
  offered: z.number().int(),
  memories: z.number().int(),
  chunks: z.number().int(),
  missing_memories: z.array(z.string()),
  missing_chunks: z.array(z.string()),
  /** The pack's top-level keys. */
  fields: z.array(PackFieldSchema),
});
export type PackSummary = z.infer<typeof PackSummarySchema>;

export const PackItemsPageSchema = z.strictObject({
  type: z.literal("items"),
  pointer: z.string(),
  /** Items beneath the pointer that pass the filters. */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  items: z.array(PackItemEntrySchema),
  summary: PackSummarySchema,
});
export type PackItemsPage = z.infer<typeof PackItemsPageSchema>;

export const PackNodeSchema = z.strictObject({
  type: z.literal("node"),
  pointer: z.string(),
  /** The item the pointer names, when it names one. */
  item: PackItemEntrySchema.nullable(),
  value: z.unknown(),
});
export type PackNode = z.infer<typeof PackNodeSchema>;

export const PackAnswerSchema = z.discriminatedUnion("type", [PackItemsPageSchema, PackNodeSchema]);
export type PackAnswer = z.infer<typeof PackAnswerSchema>;
