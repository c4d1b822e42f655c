import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { config } from "@/lib/config";
import { BUSY_TIMEOUT_MS, PRAGMA_SCRIPT } from "@/lib/db/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The adapter opens its own better-sqlite3 connection with the library's defaults
// (synchronous=NORMAL under WAL); a Prisma write must be as durable as ours, so each
// connection it opens runs our pragmas first.
class DurableSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(PRAGMA_SCRIPT);
    return adapter;
  }
}

// One Prisma client per process, kept on globalThis so dev-mode reloads reuse it.
const globalForPrisma = globalThis as unknown as { atocorePrisma?: PrismaClient };

export function prisma(): PrismaClient {
  if (!globalForPrisma.atocorePrisma) {
    const adapter = new DurableSqliteAdapter(
      { url: sqliteFileFromUrl(config().DATABASE_URL), timeout: BUSY_TIMEOUT_MS },
      { timestampFormat: "unixepoch-ms" },
    );
    globalForPrisma.atocorePrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.atocorePrisma;
}
