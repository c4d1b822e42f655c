import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { databaseKindOf } from "@/lib/db/database-kind";
import { BUSY_TIMEOUT_MS, PRAGMA_SCRIPT } from "@/lib/db/sqlite/pragmas";
import { pgPool } from "@/lib/db/postgres/pool";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";

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

function createClient(): PrismaClient {
  const url = config().DATABASE_URL;
  if (databaseKindOf(url) === "postgres") {
    // Both clients are generated from the same models (prisma/postgres/schema.prisma is the
    // twin); they differ only in the JSON columns' type (jsonb arrives parsed, SQLite's text as
    // text), which every reader of a row accepts (lib/interactions/row.ts). So the rest of the
    // code is written once, against the SQLite client's type.
    return new PostgresPrismaClient({ adapter: new PrismaPg(pgPool()) }) as unknown as PrismaClient;
  }
  const adapter = new DurableSqliteAdapter(
    { url: sqliteFileFromUrl(url), timeout: BUSY_TIMEOUT_MS },
    { timestampFormat: "unixepoch-ms" },
  );
  return new PrismaClient({ adapter });
}

export function prisma(): PrismaClient {
  globalForPrisma.atocorePrisma ??= createClient();
  return globalForPrisma.atocorePrisma;
}
