import { prisma } from "@/lib/db/prisma";
import { sqlite } from "@/lib/db/sqlite";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Checks both connections (the write one and Prisma's) answer; 503 when either fails. */
export async function checkHealth(): Promise<void> {
  try {
    sqlite().prepare("SELECT 1 FROM interactions LIMIT 1").all();
    await prisma().interaction.findFirst({ select: { seq: true } });
  } catch (err) {
    log.error("health_check_failed", { error: (err as Error).message });
    throw new AppError("unavailable", "The database is not reachable");
  }
}
