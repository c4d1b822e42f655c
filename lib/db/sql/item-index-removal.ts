import type { DatabaseKind } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";

// The memory audit's item index when interactions leave it (a retention batch; a redaction
// that changes a stored pack), written once for both databases as statements the writer runs
// in its write transaction (lib/db/sqlite/run-steps.ts, lib/db/postgres/run-steps.ts).
//
// By difference, so that the cost follows the sightings removed, not every sighting of the
// items they touch (an item of every pack has millions, and the write lock is held): the
// removed sightings' counts are subtracted before they go; then whether a version or a project
// of an item has any sighting left is one seek, and an item's first and last sighting one seek
// at each end of its range in each of its projects (the (kind, project, item_id, created_at)
// index: sightings have no index by item alone, one index less for every capture to write).

export type ItemKey = { kind: string; item_id: string };

/** Every statement these steps yield; each receives the rows of the one before. */
export type ItemIndexSteps<T> = Generator<Prisma.Sql, T, unknown[]>;

/**
 * Subtracts what the sightings of interactions `seqs` count in the item index and deletes
 * them; resolves to the items they were of, whose figures refreshItemsSteps then completes.
 */
export function* removeSightingsSteps(seqs: readonly number[]): ItemIndexSteps<ItemKey[]> {
  if (seqs.length === 0) return [];
  const removed = Prisma.sql`interaction_seq IN (${Prisma.join(seqs)})`;
  const items = (yield Prisma.sql`SELECT DISTINCT kind, item_id FROM item_sightings WHERE ${removed}`) as ItemKey[];
  if (items.length === 0) return [];
  yield Prisma.sql`UPDATE item_stats SET offered = item_stats.offered - r.offered, used = item_stats.used - r.used,
      used_unoffered = item_stats.used_unoffered - r.used_unoffered
    FROM (SELECT kind, item_id, sum(offered) AS offered, sum(used) AS used, sum(used * (1 - offered)) AS used_unoffered
          FROM item_sightings WHERE ${removed} GROUP BY kind, item_id) AS r
    WHERE item_stats.kind = r.kind AND item_stats.item_id = r.item_id`;
  yield Prisma.sql`UPDATE item_versions SET interactions = item_versions.interactions - r.n
    FROM (SELECT version_id, count(*) AS n FROM item_sightings WHERE ${removed} AND version_id IS NOT NULL GROUP BY version_id) AS r
    WHERE item_versions.id = r.version_id`;
  yield Prisma.sql`DELETE FROM item_sightings WHERE ${removed}`;
  return items;
}

/**
 * Completes the figures of `items` from the sightings that remain: what no sighting refers to
 * any more goes (a version, a project, the item), first and last seen are read from the index
 * ends, the use rate and the version count follow the counts.
 */
export function* refreshItemsSteps(dialect: DatabaseKind, items: readonly ItemKey[]): ItemIndexSteps<void> {
  if (items.length === 0) return;
  // The items as one or two parameters, however many: a batch can touch tens of thousands.
  const targets =
    dialect === "postgres"
      ? Prisma.sql`(kind, item_id) IN (SELECT * FROM unnest(${items.map((i) => i.kind)}::text[], ${items.map((i) => i.item_id)}::text[]))`
      : Prisma.sql`(kind, item_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${JSON.stringify(items.map((i) => [i.kind, i.item_id]))}))`;
  const ofProject = Prisma.raw("s.kind = p.kind AND s.project = p.project AND s.item_id = p.item_id");
  const projectsOf = Prisma.raw("item_projects AS p WHERE p.kind = item_stats.kind AND p.item_id = item_stats.item_id");
  // min() and max() as separate subqueries: each is then one seek at an end of the index.
  const edge = (fn: "min" | "max", where: Prisma.Sql) => Prisma.sql`(SELECT ${Prisma.raw(fn)}(s.created_at) FROM item_sightings s WHERE ${where})`;
  const rate = dialect === "postgres" ? Prisma.sql`used::float8 / offered` : Prisma.sql`used * 1.0 / offered`;

  yield Prisma.sql`DELETE FROM item_projects AS p WHERE ${targets} AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE ${ofProject})`;
  yield Prisma.sql`DELETE FROM item_versions WHERE ${targets}
    AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.version_id = item_versions.id)`;
  const ofVersion = Prisma.sql`s.version_id = item_versions.id`;
  yield Prisma.sql`UPDATE item_versions SET first_seen = ${edge("min", ofVersion)}, last_seen = ${edge("max", ofVersion)} WHERE ${targets}`;
  // An item has a sighting left exactly when it has a project left.
  yield Prisma.sql`DELETE FROM item_stats WHERE ${targets} AND NOT EXISTS (SELECT 1 FROM ${projectsOf})`;
  yield Prisma.sql`UPDATE item_stats SET first_seen = (SELECT min(${edge("min", ofProject)}) FROM ${projectsOf}),
    last_seen = (SELECT max(${edge("max", ofProject)}) FROM ${projectsOf}),
    use_rate = CASE WHEN offered = 0 THEN -1 ELSE ${rate} END,
    versions = (SELECT count(*) FROM item_versions v WHERE v.kind = item_stats.kind AND v.item_id = item_stats.item_id)
    WHERE ${targets}`;
}
