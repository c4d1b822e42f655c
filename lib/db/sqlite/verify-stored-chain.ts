import Database from "better-sqlite3";
import { verifyChain, type VerifyOptions, type VerifyRun } from "@/lib/audit/verify-chain";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";

/** The chain of the SQLite database at `url`, read on a read-only connection of its own inside one read transaction. */
export async function verifySqliteChain(url: string, options: VerifyOptions): Promise<VerifyRun> {
  const db = new Database(sqliteFileFromUrl(url), { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    db.exec("BEGIN");
    return await verifyChain({ kind: "sqlite", all: async (q) => db.prepare(q.sql).all(...q.values) as never[] }, options);
  } finally {
    db.close();
  }
}
