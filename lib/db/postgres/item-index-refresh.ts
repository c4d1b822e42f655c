import type pg from "pg";

// The memory audit's item index after interactions were removed: the twin of
// lib/db/sqlite/item-index-refresh.ts (the rules are there), in the caller's write transaction.

const TARGETS = "WITH t(kind, item_id) AS (SELECT * FROM unnest($1::text[], $2::text[]))";
const TARGETED = "(kind, item_id) IN (SELECT kind, item_id FROM t)";
const OF_ITEM = (table: string) => `s.kind = ${table}.kind AND s.item_id = ${table}.item_id`;

const STATEMENTS = [
  `${TARGETS} DELETE FROM item_versions WHERE ${TARGETED}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.version_id = item_versions.id)`,
  `${TARGETS} UPDATE item_versions SET (first_seen, last_seen, interactions) =
    (SELECT min(s.created_at), max(s.created_at), count(*) FROM item_sightings s WHERE s.version_id = item_versions.id)
    WHERE ${TARGETED}`,
  `${TARGETS} DELETE FROM item_stats WHERE ${TARGETED}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE ${OF_ITEM("item_stats")})`,
  `${TARGETS} UPDATE item_stats SET (offered, used, used_unoffered, use_rate, first_seen, last_seen, versions) =
    (SELECT sum(s.offered), sum(s.used), sum(s.used * (1 - s.offered)),
            CASE WHEN sum(s.offered) = 0 THEN -1 ELSE sum(s.used)::float8 / sum(s.offered) END,
            min(s.created_at), max(s.created_at),
            (SELECT count(*) FROM item_versions v WHERE v.kind = item_stats.kind AND v.item_id = item_stats.item_id)
     FROM item_sightings s WHERE ${OF_ITEM("item_stats")})
    WHERE ${TARGETED}`,
  `${TARGETS} DELETE FROM item_projects WHERE ${TARGETED}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE ${OF_ITEM("item_projects")} AND s.project = item_projects.project)`,
];

/** Recomputes the item index rows of `items` from their remaining sightings; call it inside the write transaction that removed sightings. */
export async function refreshItemFigures(client: pg.ClientBase, items: readonly { kind: string; item_id: string }[]): Promise<void> {
  if (items.length === 0) return;
  const values = [items.map((i) => i.kind), items.map((i) => i.item_id)];
  for (const text of STATEMENTS) await client.query(text, values);
}

type Key = { kind: string; item_id: string };
const KEYS = "SELECT kind, item_id FROM item_sightings WHERE interaction_seq = (SELECT seq FROM interactions WHERE id = $1)";
const DROP = "DELETE FROM item_sightings WHERE interaction_seq = (SELECT seq FROM interactions WHERE id = $1)";
// The insert trigger's own function (migration 20261207030000_item_index) over the stored row.
const INDEX = `SELECT item_sightings_of(seq, created_at, project, client, context_pack, memories_used, chunks_used)
  FROM interactions WHERE id = $1`;

/**
 * Indexes a stored interaction's items again after its pack changed (a redaction): the twin of
 * lib/db/sqlite/item-index-refresh.ts reindexInteraction, in the caller's write transaction.
 */
export async function reindexInteraction(client: pg.ClientBase, id: string): Promise<void> {
  const before = (await client.query<Key>(KEYS, [id])).rows;
  await client.query(DROP, [id]);
  await client.query(INDEX, [id]);
  const after = (await client.query<Key>(KEYS, [id])).rows;
  const keys = new Map([...before, ...after].map((k) => [`${k.kind}\t${k.item_id}`, k]));
  await refreshItemFigures(client, [...keys.values()]);
}
