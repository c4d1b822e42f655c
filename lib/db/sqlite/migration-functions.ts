import type Database from "better-sqlite3";
import { SIGHTING_COLUMNS } from "@/lib/db/sqlite/backfill-sightings";
import { storedSightings } from "@/lib/db/sqlite/backfill-threads";
import { VERSION_FIGURE_COLUMNS, VersionNumbers } from "@/lib/db/sqlite/version-numbers";

// SQL functions the SQLite migrations call that SQLite lacks, registered on the migrating
// connection (lib/db/sqlite/migrate.ts).

/**
 * For the item index backfill (prisma/migrations/20261207030000_item_index):
 *
 * stored_pack_item_sightings(): what the item index records of every stored interaction, read
 * with the code that indexes every later capture (packItemVersions), so the two agree by
 * construction. In seq order, per interaction: one row per version of a memory or chunk its
 * pack offers (an object that is there twice counts once), in the pack's order, marked used when
 * its id is in the list of its kind and with the number of versions the pack offers of that
 * item (almost always 1); then one per id used that the pack does not offer (no version). Each
 * row has its version's number (VersionNumbers); the version's first row is marked and has its
 * content (NULL elsewhere).
 *
 * stored_pack_item_versions(): then, each version's figures over those rows.
 *
 * An in-memory database has no interactions stored before it was migrated.
 */
export function registerPackItemSightings(db: Database.Database): void {
  let numbers: VersionNumbers | null = null;
  db.table("stored_pack_item_sightings", {
    columns: SIGHTING_COLUMNS,
    *rows() {
      numbers = new VersionNumbers();
      if (!db.memory) yield* storedSightings(db.name, numbers);
    },
  });
  db.table("stored_pack_item_versions", {
    columns: VERSION_FIGURE_COLUMNS,
    *rows() {
      if (numbers) yield* numbers.figures();
      numbers = null;
    },
  });
}
