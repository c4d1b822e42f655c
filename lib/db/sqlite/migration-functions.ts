import type Database from "better-sqlite3";
import { hash } from "node:crypto";
import { packItemVersions } from "@/lib/db/sqlite/item-index-writes";
import { safeJsonList, safeJsonObject } from "@/lib/interactions/row";

// SQL functions the SQLite migrations call that SQLite lacks, registered on the migrating
// connection (lib/db/sqlite/migrate.ts).

// How many versions the backfill remembers having given the content of: enough to hold every
// version a long session keeps offering, bounded so that a backfill's memory is too.
const REMEMBERED_VERSIONS = 100_000;

/**
 * pack_item_versions(context_pack, memories_used, chunks_used): the memories and chunks of a
 * stored pack as the item index records them (packItemVersions), for the item index's backfill
 * (prisma/migrations/20261207030000_item_index). A row's content is NULL when this connection
 * gave the same version's content recently: the backfill keeps one text per version, and its
 * temporary table then holds each text about once rather than once per sighting.
 */
function registerPackItemVersions(db: Database.Database): void {
  const given = new Set<string>();
  db.table("pack_item_versions", {
    parameters: ["context_pack", "memories_used", "chunks_used"],
    columns: ["kind", "item_id", "content", "content_md5"],
    *rows(pack: unknown, memories: unknown, chunks: unknown) {
      const input = { context_pack: safeJsonObject(pack as string), memories_used: safeJsonList(memories as string), chunks_used: safeJsonList(chunks as string) };
      for (const { kind, id, content } of packItemVersions(input)) {
        const md5 = hash("md5", content, "buffer");
        const key = `${kind}\t${id}\t${md5.toString("latin1")}`;
        const isNew = !given.has(key);
        if (isNew) {
          if (given.size >= REMEMBERED_VERSIONS) given.clear();
          given.add(key);
        }
        yield [kind, id, isNew ? content : null, md5];
      }
    },
  });
}

export function registerMigrationFunctions(db: Database.Database): void {
  registerPackItemVersions(db);
}
