import type Database from "better-sqlite3";
import { hash } from "node:crypto";
import { packItemVersions, VersionMemo } from "@/lib/db/sqlite/item-index-writes";
import { safeJsonList, safeJsonObject } from "@/lib/interactions/row";

// SQL functions the SQLite migrations call that SQLite lacks, registered on the migrating
// connection (lib/db/sqlite/migrate.ts).

// How many versions the backfill remembers having given the content of: enough to hold every
// version a long session keeps offering, bounded so that a backfill's memory is too.
const REMEMBERED_VERSIONS = 100_000;

/**
 * pack_item_sightings(context_pack, memories_used, chunks_used): what the item index records of
 * one stored interaction, for its backfill (prisma/migrations/20261207030000_item_index), read
 * with the code that indexes every later capture (packItemVersions), so the two agree by
 * construction. One row per version of a memory or chunk the pack offers (an object that is
 * there twice counts once), marked used when its id is in the list of its kind, then one per
 * id used that the pack does not offer (no version). A row's content is NULL when this
 * connection gave the same version's content recently: the backfill keeps one text per
 * version, and its temporary table then holds each text about once, not once per sighting.
 */
function registerPackItemSightings(db: Database.Database): void {
  const given = new Set<string>();
  const memo = new VersionMemo(10_000);
  db.table("pack_item_sightings", {
    parameters: ["context_pack", "memories_used", "chunks_used"],
    columns: ["kind", "item_id", "content", "content_md5", "offered", "used"],
    *rows(pack: unknown, memories: unknown, chunks: unknown) {
      const input = { context_pack: safeJsonObject(pack as string), memories_used: safeJsonList(memories as string), chunks_used: safeJsonList(chunks as string) };
      const used = { memory: new Set(input.memories_used), chunk: new Set(input.chunks_used) };
      const offered = { memory: new Set<string>(), chunk: new Set<string>() };
      const versions = new Set<string>();
      for (const { kind, id, content, memo: remembered } of packItemVersions(input, memo)) {
        const md5 = (remembered.md5 ??= hash("md5", content, "buffer"));
        const key = `${kind}\t${id}\t${md5.toString("latin1")}`;
        if (versions.has(key)) continue;
        versions.add(key);
        offered[kind].add(id);
        const isNew = !given.has(key);
        if (isNew) {
          if (given.size >= REMEMBERED_VERSIONS) given.clear();
          given.add(key);
        }
        yield [kind, id, isNew ? content : null, md5, 1, used[kind].has(id) ? 1 : 0];
      }
      for (const kind of ["memory", "chunk"] as const) {
        for (const id of used[kind]) if (!offered[kind].has(id)) yield [kind, id, null, null, 0, 1];
      }
    },
  });
}

export function registerMigrationFunctions(db: Database.Database): void {
  registerPackItemSightings(db);
}
