import { processConnection, queryRows } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";
import { RETIRED_INTERACTION } from "@/lib/audit/retirement-content";

/** How many interactions retention has retired (the audit page's figure; the verify report counts them per verified head). */
export async function retiredCount(): Promise<number> {
  const [{ n }] = await queryRows<{ n: number | string }>(processConnection(), Prisma.sql`SELECT count(*) AS n FROM retired_rows WHERE kind = ${RETIRED_INTERACTION}`);
  return Number(n);
}
