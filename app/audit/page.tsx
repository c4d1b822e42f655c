import type { Metadata } from "next";
import Link from "next/link";
import { AuditBadge } from "@/components/audit-badge";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";

export const metadata: Metadata = { title: "Tamper evidence" };
export const dynamic = "force-dynamic";

/** A fresh verification of the hash chain, with the first broken link in full. */
export default async function AuditPage() {
  const report = await verifyStoredChain();
  const b = report.broken;
  return (
    <section className="max-w-3xl space-y-4 text-sm">
      <h1 className="flex items-center gap-3 text-lg font-semibold">
        Tamper evidence <AuditBadge report={report} />
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Every capture and completion is chained: its <span className="whitespace-nowrap">SHA-256</span> covers its content and the previous link. Verified just now:{" "}
        {report.links_checked} links{report.head && <> up to link {report.head.link}</>}.
      </p>
      {report.head && (
        <p>
          Head hash <code className="break-all font-mono text-xs">{report.head.hash}</code>
        </p>
      )}
      {b && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950">
          <p className="font-semibold">{b.message}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
            <dt>link</dt><dd>{b.link} ({b.kind})</dd>
            <dt>interaction</dt><dd><Link className="underline" href={`/interactions/${b.interaction_id}`}>{b.interaction_id}</Link></dd>
            <dt>expected</dt><dd className="break-all">{b.expected}</dd>
            <dt>stored</dt><dd className="break-all">{b.stored}</dd>
          </dl>
        </div>
      )}
      {report.unchained.count > 0 && (
        <p className="text-zinc-600 dark:text-zinc-400">
          {report.unchained.count} interaction{report.unchained.count === 1 ? " was" : "s were"} written around the API (imports, other tools) and
          {report.unchained.count === 1 ? " is" : " are"} not covered by the chain, e.g.{" "}
          {report.unchained.sample_ids.map((id, n) => (
            <span key={id}>{n > 0 && ", "}<Link className="font-mono underline" href={`/interactions/${id}`}>{id}</Link></span>
          ))}.
        </p>
      )}
      <p className="text-zinc-600 dark:text-zinc-400">Also: <code className="whitespace-nowrap">npm run verify</code> and <code className="whitespace-nowrap">GET /api/audit/verify</code>.</p>
    </section>
  );
}
