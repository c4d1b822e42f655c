import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createdAtMs, safeJsonObject } from "@/lib/interactions/row";
import type { ItemKind } from "@/lib/usage/find-item-interactions";
import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { fullItemText } from "@/lib/sessions/pack-item-text";

export type SessionUse = { session_id: string; uses: number; first: string; last: string };

export type ItemUsage = {
  uses: number;
  first: string | null;
  last: string | null;
  /** Sessions that used the item, most recent first (at most SESSION_LIMIT). */
  sessions: SessionUse[];
  /** The item as the newest pack that carried it showed it, if one of the recent ones did. */
  asShown: { interaction_id: string; created_at: string; object: Record<string, unknown>; text: string } | null;
};

const SESSION_LIMIT = 20;
// Packs are read newest first until one carries the item; a bound keeps the page fast when
// clients record used ids without putting the items in their packs.
const PACKS_TO_SEARCH = 25;

const iso = (v: Date | number | bigint) => new Date(createdAtMs(v)).toISOString();

/** Everything the /memories/[id] and /chunks/[id] pages show besides the list of uses. */
export async function getItemUsage(kind: ItemKind, itemId: string): Promise<ItemUsage> {
  const [[stats], sessions, recent] = await Promise.all([
    database().reads.rows<{ uses: number; first: Date | number | null; last: Date | number | null }>(Prisma.sql`
      SELECT count(*) AS uses, min(created_at) AS first, max(created_at) AS last
      FROM interaction_uses WHERE kind = ${kind} AND item_id = ${itemId}`),
    database().reads.rows<{ session_id: string; uses: number; first: Date | number; last: Date | number }>(Prisma.sql`
      SELECT i.session_id, count(*) AS uses, min(u.created_at) AS first, max(u.created_at) AS last
      FROM interaction_uses u JOIN interactions i ON i.seq = u.interaction_seq
      WHERE u.kind = ${kind} AND u.item_id = ${itemId} AND i.session_id <> ''
      GROUP BY i.session_id ORDER BY last DESC LIMIT ${SESSION_LIMIT}`),
    database().reads.rows<{ id: string; context_pack: string | object; created_at: Date | number }>(Prisma.sql`
      SELECT i.id, i.context_pack, i.created_at
      FROM interaction_uses u JOIN interactions i ON i.seq = u.interaction_seq
      WHERE u.kind = ${kind} AND u.item_id = ${itemId}
      ORDER BY u.created_at DESC, u.interaction_seq DESC LIMIT ${PACKS_TO_SEARCH}`),
  ]);
  let asShown: ItemUsage["asShown"] = null;
  for (const interaction of recent) {
    // The same matching as the detail page's used/offered marks (lib/context-pack).
    const used = [itemId];
    const found = analyzePack(safeJsonObject(interaction.context_pack), kind === "memory" ? used : [], kind === "chunk" ? used : [])
      .items.find((item) => item.id === itemId && item.mark === "used");
    if (found) {
      const object = found.value;
      asShown = { interaction_id: interaction.id, created_at: iso(interaction.created_at), object, text: fullItemText(object) };
      break;
    }
  }
  return {
    uses: Number(stats.uses),
    first: stats.first !== null ? iso(stats.first) : null,
    last: stats.last !== null ? iso(stats.last) : null,
    sessions: sessions.map((s) => ({ session_id: s.session_id, uses: Number(s.uses), first: iso(s.first), last: iso(s.last) })),
    asShown,
  };
}
