import type { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import type { InteractionFilters } from "@/lib/interactions/schema";

/** The filters as a Prisma where clause, built once and shared by rows and counts. */
export function interactionWhere(f: InteractionFilters): Prisma.InteractionWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (f.since !== undefined) createdAt.gte = new Date(f.since);
  if (f.until !== undefined) createdAt.lt = new Date(f.until);
  return {
    ...(f.project !== undefined && { project: f.project }),
    ...(f.client !== undefined && { client: f.client }),
    ...(f.session_id !== undefined && { session_id: f.session_id }),
    ...(Object.keys(createdAt).length > 0 && { created_at: createdAt }),
  };
}

/**
 * Rows strictly older than the cursor in (created_at desc, seq desc) order. The plain
 * `created_at <= t` bound is what lets SQLite seek the index; the OR only sorts out ties.
 */
export function olderThan(c: Cursor): Prisma.InteractionWhereInput {
  const t = new Date(c.createdAt);
  return { AND: [{ created_at: { lte: t } }, { OR: [{ created_at: { lt: t } }, { seq: { lt: c.seq } }] }] };
}

/** Rows strictly newer than the cursor: the mirror of olderThan, for paging towards the present. */
export function newerThan(c: Cursor): Prisma.InteractionWhereInput {
  const t = new Date(c.createdAt);
  return { AND: [{ created_at: { gte: t } }, { OR: [{ created_at: { gt: t } }, { seq: { gt: c.seq } }] }] };
}
