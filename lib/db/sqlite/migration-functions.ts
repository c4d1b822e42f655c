import type Database from "better-sqlite3";
import { SIGHTING_COLUMNS } from "@/lib/db/sqlite/backfill-sightings";
import { storedSightings } from "@/lib/db/sqlite/backfill-threads";

// SQL functions the SQLite migrations call that SQLite lacks, registered on the migrating
// connection (lib/db/sqlite/migrate.ts).

/**
 * stored_pack_item_sightings(): what the item index records of every stored interaction, for its
 * backfill (prisma/migrations/20261207030000_item_index), read with the code that indexes every
 * later capture (packItemVersions), so the two agree by construction. In seq order, per
 * interaction: one row per version of a memory or chunk its pack offers (an object that is there
 * twice counts once), in the pack's order, marked used when its id is in the list of its kind and
 * with the number of versions the pack offers of that item (almost always 1); then one per id
 * used that the pack does not offer (no version). A row's content is NULL when an earlier row
 * gave the same version's content: the backfill takes each version's text from its first row.
 * An in-memory database has no interactions stored before it was migrated.
 */
export function registerPackItemSightings(db: Database.Database): void {
  db.table("stored_pack_item_sightings", {
    columns: SIGHTING_COLUMNS,
    *rows() {
      if (!db.memory) yield* storedSightings(db.name);
    },
  });
}
