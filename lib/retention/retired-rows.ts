import { RETIRED_INTERACTION } from "@/lib/audit/retirement-content";
import { processConnection, queryRows } from "@/lib/db/connection";
import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// What the rest of the app reads of retired_rows (retention: lib/retention/retire.ts).

/** How many interactions retention has retired (the audit page's figure; the verify report counts them per verified head). */
export async function retiredCount(): Promise<number> {
  const [{ n }] = await queryRows<{ n: number | string }>(processConnection(), Prisma.sql`SELECT count(*) AS n FROM retired_rows WHERE kind = ${RETIRED_INTERACTION}`);
  return Number(n);
}

/**
 * The newest retired row's seq (0 when none): what this process caches about interactions
 * (list counts, pack indexes) is dropped when it moves, since any process (npm run retire,
 * another app server) may have retired them.
 */
export async function latestRetired(): Promise<number> {
  const [last] = await database().reads.rows<{ seq: number }>(Prisma.sql`SELECT seq FROM retired_rows ORDER BY seq DESC LIMIT 1`);
  return last ? Number(last.seq) : 0;
}
