import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The hand-written migrations of either database, in Prisma's layout
// (<dir>/<timestamp>_<name>/migration.sql), with the checksum Prisma records for each.
export type Migration = { name: string; sql: string; checksum: string };

// Migrations whose text was rewritten after release without changing what they build, with the
// checksums of their earlier texts: a database that applied one of those is up to date.
const EARLIER_TEXTS: Record<string, readonly string[]> = {
  // SQLite's item index backfill: rewritten to read each item from its own object rather than
  // carrying every pack through a sort once per item (the same rows, ~4x faster), then to read
  // the packs with the capture's own code rather than JSON functions in SQL (~2x; the same rows
  // but for the order of ids among versions first seen by one interaction; see its header), then
  // to derive the items' figures from their versions' rather than from every sighting (the same
  // rows; an item's versions counted as the capture path counts them, also those a pack offered
  // beside an older one), then to read the packs on threads of their own (the same rows), then
  // to number the versions as they are read rather than look each sighting's up (the same rows
  // but for the order of ids: the order versions were first sighted in, the capture path's,
  // rather than that of their first instants).
  "20261207030000_item_index": [
    "d746fd3983bcfc3aae771dda22ad35339a78598ff7ee18ccf2a029d1aab29d14",
    "ef93dd4cb5b0b8a27fde593d85246cc9b55aa6af4bb662fac019d4cdc923bf62",
    "5481c0006f8d8abf4c81f431e4a6236b7a27f87dab5943339b9e7059ca49ee8d",
    "88122eaf12a10f384c2aec974c15d36c4189ed624cf576f46e4c262c82a3c8dc",
    "085a772022077471619d5d736b5ff176ab726b88fbfb0f9b6797987b7d90f5f5",
  ],
  // Made to tolerate the indexes the item index backfill's later text builds or leaves out
  // (IF EXISTS / IF NOT EXISTS): the same schema either way.
  "20261207060000_item_removal": ["aba6091af69e1de3af80fbb2740451e57bef3bbf864761baf496177e0905b49d"],
  "20261207100000_item_sightings_slim": ["20be2aeb5b32ad42a10b979f6ba9a1e0b4694bfe2831680aa174e6ba54cb38ff"],
};

/** Refuses to go on when an applied migration's recorded checksum is neither its text's nor an earlier equivalent's. */
export function assertUnchanged(m: Migration, recorded: string): void {
  if (recorded !== m.checksum && !EARLIER_TEXTS[m.name]?.includes(recorded)) {
    throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs)`);
  }
}

// turbopackIgnore: the migrations are read from disk at run time, not traced into the build.
export function readMigrations(dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
