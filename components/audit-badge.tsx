import { headers } from "next/headers";
import Link from "next/link";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import { verifyToken } from "@/lib/auth/verify-token";
import { auditStatus } from "@/lib/audit/audit-status";
import type { Checkpoint } from "@/lib/audit/checkpoint";
import { formatCount } from "@/lib/format-count";

/** The tamper-evidence status of the last verification: intact, broken (at which link), or not checked yet. */
export function AuditBadge({ checkpoint }: { checkpoint: Checkpoint | null }) {
  const base = "inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium";
  if (!checkpoint?.verified_at) {
    return (
      <Link href="/audit" className={`${base} border-zinc-300 text-zinc-500 dark:border-zinc-700`}>
        chain not checked
      </Link>
    );
  }
  const { broken } = checkpoint;
  const title = broken
    ? broken.message
    : `${formatCount(checkpoint.links_verified)} links verified (up to link ${formatCount(checkpoint.link)}) at ${checkpoint.verified_at}` +
      (checkpoint.unchained.count ? `; ${formatCount(checkpoint.unchained.count)} rows written around the API are not chained` : "");
  return (
    <Link
      href="/audit"
      title={title}
      data-testid="audit-badge"
      data-status={broken ? "broken" : "ok"}
      className={
        broken
          ? `${base} border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200`
          : `${base} border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200`
      }
    >
      <span aria-hidden className={`mr-0.5 size-1.5 rounded-full ${broken ? "bg-red-500" : "bg-emerald-500"}`} />
      {/* A phone's header has no room for the word "chain"; the title and /audit say the rest. */}
      <span className="max-sm:hidden">chain </span>
      {broken ? `broken at link ${formatCount(broken.link)}` : "intact"}
    </Link>
  );
}

/**
 * The badge with the last stored verification (never waiting for one), for readers only: the
 * sign-in page shows nothing and starts no verification.
 */
export async function AuditStatus() {
  if (!authDisabled()) {
    const credential = credentialFrom(await headers());
    if (!credential || !(await verifyToken(credential.token))?.scopes.includes("read")) return null;
  }
  return <AuditBadge checkpoint={await auditStatus()} />;
}
