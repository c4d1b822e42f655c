import { database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

// A load balancer needs an answer, not a hung check: an unreachable PostgreSQL host can take
// the operating system's whole TCP timeout (minutes) to refuse a new connection.
const CHECK_TIMEOUT_MS = 5000;

/** Checks the database's connections answer (lib/db/contract/health.ts); 503 when one fails or is too slow. */
export async function checkHealth(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([database().health.check(), tooSlow]);
  } catch (err) {
    log.error("health_check_failed", { error: (err as Error).message });
    throw new AppError("unavailable", "The database is not reachable");
  } finally {
    clearTimeout(timer);
  }
}
