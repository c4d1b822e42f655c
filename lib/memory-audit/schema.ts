import { z } from "zod";
import { cursorParam, instant, optionalText } from "@/lib/interactions/schema";
import type { ItemKind } from "@/lib/usage/find-item-interactions";

// The memory audit's API shapes and query parsers, shared by the routes, the pages and tests.

export type { ItemKind };

export const ITEM_SORTS = ["offered", "used", "use_rate", "last_seen", "versions"] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];
export const MAX_ITEM_LIMIT = 500;
export const DEFAULT_ITEM_LIMIT = 50;

export type ItemFigures = {
  id: string;
  offered: number;
  used: number;
  /** used / offered; null when the item was never offered. */
  use_rate: number | null;
  used_unoffered: number;
  first_seen: string;
  last_seen: string;
  projects: string[];
  versions: number;
};
export type ItemList = { items: ItemFigures[]; next_cursor: string | null };
export type ItemVersionView = { id: number; content: string; first_seen: string; last_seen: string; interactions: number };
/** MAX_VERSIONS_SHOWN: the detail lists at most this many versions (the newest), oldest first. */
export const MAX_VERSIONS_SHOWN = 1000;
/** One item's figures with its versions (the list) in place of their count, which is version_count. */
export type ItemDetail = Omit<ItemFigures, "versions"> & { version_count: number; versions: ItemVersionView[] };

/** Where a page of a sorted list ends: the last item's sort value and id. */
export type ItemCursor = { value: number; id: string };

export function encodeItemCursor(c: ItemCursor): string {
  return Buffer.from(JSON.stringify([c.value, c.id]), "utf8").toString("base64url");
}

export function decodeItemCursor(text: string): ItemCursor | null {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(text)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && Number.isFinite(v[0]) && typeof v[1] === "string") {
      return { value: v[0], id: v[1] };
    }
  } catch {
    // not JSON: not a cursor of ours
  }
  return null;
}

const count = (field: string, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return fallback;
    if (!/^\d{1,15}$/.test(v.trim())) {
      ctx.addIssue({ code: "custom", message: `${field} must be a whole number >= 0` });
      return z.NEVER;
    }
    return Math.min(Number(v), max);
  });

export const ItemListQuerySchema = z.strictObject({
  project: optionalText,
  client: optionalText,
  since: instant("since"),
  until: instant("until"),
  min_versions: count("min_versions", 0),
  sort: optionalText.pipe(z.enum(ITEM_SORTS, { error: `sort must be one of ${ITEM_SORTS.join(", ")}` }).optional()).transform((v) => v ?? "offered"),
  limit: count("limit", DEFAULT_ITEM_LIMIT, MAX_ITEM_LIMIT),
  cursor: cursorParam("cursor", decodeItemCursor),
});
export type ItemListQuery = z.output<typeof ItemListQuerySchema>;

/** Whether a list is of a slice (project, client or time): summed from its sightings, not read from the items' totals. */
export const isSliceQuery = (q: ItemListQuery) => q.project !== undefined || q.client !== undefined || q.since !== undefined || q.until !== undefined;

export const REPORT_KINDS = ["noise", "gaps"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const DEFAULT_MIN_OFFERED = 10;

/** GET /api/reports/{memories|chunks}: noise = offered at least min_offered times, never used; gaps = used, never offered. */
export const ReportQuerySchema = z.strictObject({
  kind: z.enum(REPORT_KINDS, { error: `kind must be one of ${REPORT_KINDS.join(", ")}` }),
  min_offered: count("min_offered", DEFAULT_MIN_OFFERED),
  format: optionalText.pipe(z.enum(["csv", "jsonl"], { error: "format must be csv or jsonl" }).optional()).transform((v) => v ?? "jsonl"),
});
export type ReportQuery = z.output<typeof ReportQuerySchema>;

/** A report row: the figures without projects (one flat line per item). */
export type ReportRow = Omit<ItemFigures, "projects">;
