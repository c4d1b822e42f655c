import Database from "better-sqlite3";
import { verifyChain, type VerifyReport } from "@/lib/audit/verify-chain";
import { config } from "@/lib/config";
import { BUSY_TIMEOUT_MS } from "@/lib/db/pragmas";
import { sqliteFileFromUrl } from "@/lib/db/sqlite-file";

/** Verifies the chain of the configured database on a read-only connection of its own. */
export async function verifyStoredChain(file = sqliteFileFromUrl(config().DATABASE_URL)): Promise<VerifyReport> {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    return await verifyChain(db);
  } finally {
    db.close();
  }
}

// The viewer shows the status on every page; a full recomputation costs a scan of every row
// (about 10 s per 100k rows on our 2-core machines), so pages reuse a result for a while: at
// least a minute, and ten times as long as the last run took, so that the badge never spends
// more than a tenth of the server's time. The API, /audit and `npm run verify` always recompute.
const MIN_REUSE_MS = 60_000;
let recent: { at: number; reuseMs: number; report: Promise<VerifyReport> } | undefined;

export function recentVerifyReport(): Promise<VerifyReport> {
  if (!recent || Date.now() - recent.at > recent.reuseMs) {
    const started = Date.now();
    const entry = { at: started, reuseMs: MIN_REUSE_MS, report: verifyStoredChain() };
    entry.report.then(
      () => (entry.reuseMs = Math.max(MIN_REUSE_MS, 10 * (Date.now() - started))),
      () => recent === entry && (recent = undefined),
    );
    recent = entry;
  }
  return recent.report;
}
