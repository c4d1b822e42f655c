import { processConnection, queryRows } from "@/lib/db/connection";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

// A load balancer needs an answer, not a hung check: an unreachable PostgreSQL host can take
// the operating system's whole TCP timeout (minutes) to refuse a new connection.
const CHECK_TIMEOUT_MS = 5000;

/**
 * Checks both connections answer (SQLite: our write connection and Prisma's; PostgreSQL: the
 * pool, directly and through Prisma's adapter); 503 when either fails or is too slow.
 */
export async function checkHealth(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      (async () => {
        await queryRows(processConnection(), Prisma.sql`SELECT 1 FROM interactions LIMIT 1`);
        await prisma().interaction.findFirst({ select: { seq: true } });
      })(),
      tooSlow,
    ]);
  } catch (err) {
    log.error("health_check_failed", { error: (err as Error).message });
    throw new AppError("unavailable", "The database is not reachable");
  } finally {
    clearTimeout(timer);
  }
}
