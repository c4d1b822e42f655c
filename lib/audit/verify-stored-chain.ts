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

// The viewer shows the status on every page; a full recomputation per page view would cost
// a scan of the whole database, so pages reuse a result for a short while. The API and
// `npm run verify` always recompute.
const BADGE_MAX_AGE_MS = 60_000;
let recent: { at: number; report: Promise<VerifyReport> } | undefined;

export function recentVerifyReport(): Promise<VerifyReport> {
  if (!recent || Date.now() - recent.at > BADGE_MAX_AGE_MS) {
    const report = verifyStoredChain();
    recent = { at: Date.now(), report };
    report.catch(() => (recent = undefined));
  }
  return recent.report;
}
