import { z } from "zod";
import type { Cursor } from "@/lib/interactions/cursor";
import { InteractionRecordSchema, ListQuerySchema, MAX_LIST_LIMIT } from "@/lib/interactions/schema";

// The session resource. A session is every interaction sharing a non-empty session_id.
// Its list is filtered exactly like the interactions list (project, client, session_id,
// since, until, limit, cursor): the same parser, ListQuerySchema, reads both.

export const SessionSummarySchema = z.strictObject({
  session_id: z.string(),
  turns: z.number().int(),
  projects: z.array(z.string()),
  clients: z.array(z.string()),
  first_at: z.iso.datetime(),
  last_at: z.iso.datetime(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const SessionListSchema = z.strictObject({
  sessions: z.array(SessionSummarySchema),
  next_cursor: z.string().nullable(),
});
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
