import type Database from "better-sqlite3";
import { indexItems } from "@/lib/db/sqlite/item-index-writes";
import { perConnection } from "@/lib/db/sqlite/per-connection";

// The memory audit's item index after interactions were removed (retention; a redaction may
// reuse it): the figures of the given items recomputed from their remaining item_sightings,
// set-based, in the caller's write transaction. The PostgreSQL twin is
// lib/db/postgres/item-index-refresh.ts.

// The items as one JSON parameter ([[kind, item_id], ...]): one statement whatever their number.
const TARGETS = `WITH t(kind, item_id) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`;
const TARGETED = "(kind, item_id) IN (SELECT kind, item_id FROM t)";
const OF_ITEM = (table: string) => `s.kind = ${table}.kind AND s.item_id = ${table}.item_id`;

const statements = perConnection((db) => [
  // Versions no remaining sighting refers to go; the others are recounted from theirs.
  db.prepare(`${TARGETS} DELETE FROM item_versions WHERE ${TARGETED}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.version_id = item_versions.id)`),
  db.prepare(`${TARGETS} UPDATE item_versions SET (first_seen, last_seen, interactions) =
    (SELECT min(s.created_at), max(s.created_at), count(*) FROM item_sightings s WHERE s.version_id = item_versions.id)
    WHERE ${TARGETED}`),
  db.prepare(`${TARGETS} DELETE FROM item_stats WHERE ${TARGETED}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE ${OF_ITEM("item_stats")})`),
  db.prepare(`${TARGETS} UPDATE item_stats SET (offered, used, used_unoffered, use_rate, first_seen, last_seen) =
    (SELECT sum(s.offered), sum(s.used), sum(s.used * (1 - s.offered)),
            CASE WHEN sum(s.offered) = 0 THEN -1 ELSE sum(s.used) * 1.0 / sum(s.offered) END,
            min(s.created_at), max(s.created_at)
     FROM item_sightings s WHERE ${OF_ITEM("item_stats")}),
    versions = (SELECT count(*) FROM item_versions v WHERE v.kind = item_stats.kind AND v.item_id = item_stats.item_id)
    WHERE ${TARGETED}`),
  db.prepare(`${TARGETS} DELETE FROM item_projects WHERE ${TARGETED}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE ${OF_ITEM("item_projects")} AND s.project = item_projects.project)`),
]);

/** Recomputes the item index rows of `items` from their remaining sightings; call it inside the write transaction that removed sightings. */
export function refreshItemFigures(db: Database.Database, items: readonly { kind: string; item_id: string }[]): void {
  if (items.length === 0) return;
  const targets = JSON.stringify(items.map((i) => [i.kind, i.item_id]));
  for (const s of statements(db)) s.run(targets);
}

type Key = { kind: string; item_id: string };
type PackRow = { context_pack: string; memories_used: string; chunks_used: string; project: string; client: string; created_at: number };

const reindexing = perConnection((db) => ({
  keys: db.prepare<[number], Key>("SELECT kind, item_id FROM item_sightings WHERE interaction_seq = ?"),
  drop: db.prepare<[number]>("DELETE FROM item_sightings WHERE interaction_seq = ?"),
  row: db.prepare<[number], PackRow>("SELECT context_pack, memories_used, chunks_used, project, client, created_at FROM interactions WHERE seq = ?"),
}));

/**
 * Indexes a stored interaction's items again after its pack changed (a redaction): its
 * sightings are rebuilt from the stored row and the figures of every item it had or has are
 * recomputed, so a version only the removed text held is gone from the memory audit.
 */
export function reindexInteraction(db: Database.Database, seq: number): void {
  const s = reindexing(db);
  const before = s.keys.all(seq);
  s.drop.run(seq);
  const row = s.row.get(seq);
  if (row) {
    const input = { context_pack: JSON.parse(row.context_pack), memories_used: JSON.parse(row.memories_used), chunks_used: JSON.parse(row.chunks_used), project: row.project, client: row.client };
    indexItems(db, seq, input, row.created_at);
  }
  const keys = new Map([...before, ...s.keys.all(seq)].map((k) => [`${k.kind}\t${k.item_id}`, k]));
  refreshItemFigures(db, [...keys.values()]);
}
