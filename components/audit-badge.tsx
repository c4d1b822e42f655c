import { headers } from "next/headers";
import Link from "next/link";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import { verifyToken } from "@/lib/auth/verify-token";
import type { VerifyReport } from "@/lib/audit/verify-chain";
import { recentVerifyReport } from "@/lib/audit/verify-stored-chain";
import { formatCount } from "@/lib/format-count";

/** The tamper-evidence status: intact, broken (at which interaction), or not checked. */
export function AuditBadge({ report }: { report: VerifyReport | null }) {
  const base = "inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium";
  if (!report) {
    return (
      <Link href="/audit" className={`${base} border-zinc-300 text-zinc-500 dark:border-zinc-700`}>
        chain not checked
      </Link>
    );
  }
  const broken = report.status === "broken";
  const title = broken
    ? report.broken!.message
    : `${formatCount(report.links_checked)} links verified at ${report.verified_at}` +
      (report.unchained.count ? `; ${report.unchained.count} rows written around the API are not chained` : "");
  return (
    <Link
      href="/audit"
      title={title}
      data-testid="audit-badge"
      data-status={report.status}
      className={
        broken
          ? `${base} border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200`
          : `${base} border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200`
      }
    >
      <span aria-hidden className={`mr-0.5 size-1.5 rounded-full ${broken ? "bg-red-500" : "bg-emerald-500"}`} />
      {/* A phone's header has no room for the word "chain"; the title and /audit say the rest. */}
      <span className="max-sm:hidden">chain </span>
      {broken ? `broken at link ${report.broken!.link}` : "intact"}
    </Link>
  );
}

/**
 * The badge with a recent verification (reused for a while: a full check scans every row),
 * for readers only: the sign-in page shows nothing and starts no verification.
 */
export async function AuditStatus() {
  if (!authDisabled()) {
    const credential = credentialFrom(await headers());
    if (!credential || !(await verifyToken(credential.token))?.scopes.includes("read")) return null;
  }
  const report = await recentVerifyReport().catch(() => null);
  return <AuditBadge report={report} />;
}
