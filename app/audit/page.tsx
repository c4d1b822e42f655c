import type { Metadata } from "next";
import Link from "next/link";
import { verifyWholeChain } from "@/app/audit/actions";
import { AuditBadge } from "@/components/audit-badge";
import { RefreshWhile } from "@/components/refresh-while";
import { UtcTime } from "@/components/utc-time";
import { auditStatus } from "@/lib/audit/audit-status";
import { verifyJob, type VerifyJob } from "@/lib/audit/verify-job";
import { formatCount } from "@/lib/format-count";
import { interactionExists } from "@/lib/interactions/interaction-exists";
import { recentRedactions } from "@/lib/redactions/redact";
import { retiredCount } from "@/lib/retention/retired-rows";

export const metadata: Metadata = { title: "Tamper evidence" };
export const dynamic = "force-dynamic";

const muted = "text-zinc-600 dark:text-zinc-400";

/** A full verification: running (with its progress, the page refreshing itself), done or failed. */
function JobStatus({ job, fullVerifiedAt }: { job: VerifyJob | null; fullVerifiedAt: string | null }) {
  if (job?.state === "running") {
    const span = Math.max(1, job.head_link);
    const pct = Math.min(100, Math.floor((100 * job.at_link) / span));
    return (
      <div className="space-y-1">
        <p data-testid="verify-progress" aria-live="polite">
          Full verification running since <UtcTime iso={job.started_at} />: link {formatCount(job.at_link)} of{" "}
          {formatCount(job.head_link)} ({pct}%), {formatCount(job.links_checked)} links checked.
        </p>
        <progress className="h-2 w-full max-w-md" max={span} value={job.at_link} aria-label="Full verification progress" />
      </div>
    );
  }
  if (job?.state === "failed") {
    return <p role="alert" data-testid="verify-result">The full verification started at <UtcTime iso={job.started_at} /> failed: {job.error}</p>;
  }
  if (job?.state === "done" && job.result) {
    const r = job.result;
    return (
      <p data-testid="verify-result" data-status={r.status}>
        Full verification finished at <UtcTime iso={job.finished_at!} />:{" "}
        {r.status === "ok" ? `intact, ${formatCount(r.links_checked)} links checked` : `broken at link ${formatCount(r.broken!.link)}, ${formatCount(r.links_checked)} links intact before it`}.
      </p>
    );
  }
  return <p className={muted}>Last full verification: {fullVerifiedAt ? <UtcTime iso={fullVerifiedAt} /> : "none yet"}.</p>;
}

/**
 * The last stored verification (the checkpoint) and this server's full verification, read
 * without verifying anything: a full verification runs in the background and the page follows it.
 */
export default async function AuditPage() {
  const [checkpoint, redactions, retired] = await Promise.all([auditStatus(), recentRedactions(), retiredCount()]);
  const job = verifyJob();
  const b = checkpoint?.broken;
  // The id a broken link names is an interaction's only for capture, completion and redaction
  // links; a link opens it only while the row is there (not deleted, not retired).
  const subject = b?.kind === "retired" ? "retirement" : b?.kind === "review" ? "review" : "interaction";
  const linkable = !!b && subject === "interaction" && (await interactionExists(b.interaction_id));
  return (
    <section className="max-w-3xl space-y-4 text-sm">
      <h1 className="flex items-center gap-3 text-lg font-semibold">
        Tamper evidence <AuditBadge checkpoint={checkpoint} />
      </h1>
      <p className={muted}>
        Every capture, completion and redaction is chained: its <span className="whitespace-nowrap">SHA-256</span> covers its content and the previous link.
        The links added since the last verification are verified in the background every half minute or so; a full verification recomputes every
        link from the stored rows.
      </p>
      {checkpoint?.verified_at && checkpoint.link === 0 ? (
        <p data-testid="checkpoint">
          Last verified <UtcTime iso={checkpoint.verified_at} />: the chain was empty.
        </p>
      ) : checkpoint?.verified_at ? (
        <p data-testid="checkpoint">
          Last verified <UtcTime iso={checkpoint.verified_at} />: {formatCount(checkpoint.links_verified)} links up to link{" "}
          {formatCount(checkpoint.link)}, head hash <code className="break-all font-mono text-xs">{checkpoint.hash}</code>
        </p>
      ) : (
        <p data-testid="checkpoint">Not verified yet.</p>
      )}
      <div className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800">
        <JobStatus job={job} fullVerifiedAt={checkpoint?.full_verified_at ?? null} />
        <form action={verifyWholeChain}>
          <button
            type="submit"
            disabled={job?.state === "running"}
            className="rounded border border-zinc-300 px-3 py-1 font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Verify the whole chain
          </button>
        </form>
        <RefreshWhile active={job?.state === "running"} />
      </div>
      {b && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950">
          <p className="font-semibold">{b.message}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
            <dt>link</dt><dd>{formatCount(b.link)} ({b.kind})</dd>
            <dt>{subject}</dt>
            <dd>{linkable ? <Link className="underline" href={`/interactions/${b.interaction_id}`}>{b.interaction_id}</Link> : b.interaction_id || "(none)"}</dd>
            <dt>expected</dt><dd className="break-all">{b.expected}</dd>
            <dt>stored</dt><dd className="break-all">{b.stored}</dd>
          </dl>
        </div>
      )}
      {checkpoint && checkpoint.unchained.count > 0 && (
        <p className={muted}>
          {formatCount(checkpoint.unchained.count)} interaction{checkpoint.unchained.count === 1 ? " was" : "s were"} written around the API (imports, other tools) and
          {checkpoint.unchained.count === 1 ? " is" : " are"} not covered by the chain, e.g.{" "}
          {checkpoint.unchained.sample_ids.map((id, n) => (
            <span key={id}>{n > 0 && ", "}<Link className="font-mono underline" href={`/interactions/${id}`}>{id}</Link></span>
          ))}.
        </p>
      )}
      <div className="space-y-1" data-testid="audit-redactions">
        <h2 className="font-semibold">Redactions: {redactions.count.toLocaleString("en")}</h2>
        <p className={muted}>
          Content removed on purpose, each with a <code>redaction</code> link keeping the SHA-256 of what was removed: verification recomputes the row from it, so these are not tampering.
        </p>
        {redactions.items.length > 0 && (
          // A list rather than a table: a pointer or a reason then wraps on a phone instead of
          // widening the page.
          <ul className="divide-y divide-zinc-200 text-xs dark:divide-zinc-800">
            {redactions.items.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 py-1">
                <span className="whitespace-nowrap"><UtcTime iso={r.created_at} /></span>
                <Link className="font-mono underline" href={`/interactions/${r.interaction_id}`}>{r.interaction_id.slice(0, 8)}</Link>
                <code className="break-all">{r.pointer}</code>
                <span>{r.reason}</span>
                <span className="text-zinc-600 dark:text-zinc-400">by {r.author}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {retired > 0 && (
        <p className={muted} data-testid="audit-retired">
          {formatCount(retired)} interaction{retired === 1 ? " was" : "s were"} retired for their age (<code>RETENTION_DAYS</code>, <code>npm run retire</code>), each batch
          with a <code>retired</code> link listing what it removed: verification accounts for them, so these are not tampering.
        </p>
      )}
      <p className={muted}>Also: <code className="whitespace-nowrap">npm run verify</code> and <code className="whitespace-nowrap">GET /api/audit/verify</code>.</p>
    </section>
  );
}
