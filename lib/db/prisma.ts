import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { config } from "@/lib/config";
import { BUSY_TIMEOUT_MS } from "@/lib/db/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One Prisma client per process, kept on globalThis so dev-mode reloads reuse it.
const globalForPrisma = globalThis as unknown as { atocorePrisma?: PrismaClient };

export function prisma(): PrismaClient {
  if (!globalForPrisma.atocorePrisma) {
    const adapter = new PrismaBetterSqlite3(
      { url: sqliteFileFromUrl(config().DATABASE_URL), timeout: BUSY_TIMEOUT_MS },
      { timestampFormat: "unixepoch-ms" },
    );
    globalForPrisma.atocorePrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.atocorePrisma;
}
