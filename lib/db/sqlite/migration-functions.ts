import type Database from "better-sqlite3";
import { storedPack } from "@/lib/db/sqlite/item-index-fold";
import { contentMd5, packItemVersions, VersionMemo, type MemoEntry, type PackItemVersion } from "@/lib/db/sqlite/item-index-writes";

// SQL functions the SQLite migrations call that SQLite lacks, registered on the migrating
// connection (lib/db/sqlite/migrate.ts).

/**
 * pack_item_sightings(context_pack, memories_used, chunks_used): what the item index records of
 * one stored interaction, for its backfill (prisma/migrations/20261207030000_item_index), read
 * with the code that indexes every later capture (packItemVersions), so the two agree by
 * construction. One row per version of a memory or chunk the pack offers (an object that is
 * there twice counts once), in the pack's order, marked used when its id is in the list of its
 * kind and with the number of versions the pack offers of that item (almost always 1); then one
 * per id used that the pack does not offer (no version). A row's content is NULL when this
 * connection gave the same version's content recently: the backfill keeps one text per
 * version, and its temporary table then holds each text about once, not once per sighting.
 */
export function registerPackItemSightings(db: Database.Database): void {
  // Items' last objects with their contents and MD5s: a session offers most of a pack again
  // the next turn, and those need neither their content built nor hashed again.
  const memo = new VersionMemo(10_000);
  // The remembered versions whose content a row gave already.
  const given = new WeakSet<MemoEntry>();
  db.table("pack_item_sightings", {
    parameters: ["context_pack", "memories_used", "chunks_used"],
    columns: ["kind", "item_id", "content", "content_md5", "offered", "used", "versions"],
    *rows(pack: unknown, memories: unknown, chunks: unknown) {
      const input = storedPack({ context_pack: pack as string, memories_used: memories as string, chunks_used: chunks as string });
      const used = { memory: new Set(input.memories_used), chunk: new Set(input.chunks_used) };
      // Each item's versions in this pack: almost always one, so an array only for a second.
      const offered = { memory: new Map<string, MemoEntry | MemoEntry[]>(), chunk: new Map<string, MemoEntry | MemoEntry[]>() };
      const rows: PackItemVersion[] = [];
      for (const item of packItemVersions(input, memo)) {
        const known = offered[item.kind].get(item.id);
        const md5 = contentMd5(item.version);
        if (known === undefined) offered[item.kind].set(item.id, item.version);
        else {
          const versions = Array.isArray(known) ? known : [known];
          if (versions.some((v) => contentMd5(v).equals(md5))) continue;
          offered[item.kind].set(item.id, [...versions, item.version]);
        }
        rows.push(item);
      }
      for (const { kind, id, version } of rows) {
        const isNew = !given.has(version);
        given.add(version);
        const versions = offered[kind].get(id)!;
        yield [kind, id, isNew ? version.content : null, contentMd5(version), 1, used[kind].has(id) ? 1 : 0, Array.isArray(versions) ? versions.length : 1];
      }
      for (const kind of ["memory", "chunk"] as const) {
        for (const id of used[kind]) if (!offered[kind].has(id)) yield [kind, id, null, null, 0, 1, 0];
      }
    },
  });
}
