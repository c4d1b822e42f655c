import { redactFromViewer } from "@/app/interactions/[id]/actions";
import { UtcTime } from "@/components/utc-time";
import type { Redaction } from "@/lib/redactions/schema";

/** Where a redaction removed content: the reason, shown in its place. */
export function RedactedNote({ redaction }: { redaction: Redaction }) {
  return (
    <p data-testid="redacted-note" className="rounded border border-dashed border-zinc-300 px-2 py-1 text-sm text-zinc-600 italic dark:border-zinc-700 dark:text-zinc-400">
      Redacted: {redaction.reason} <span className="not-italic text-zinc-500 dark:text-zinc-400">({redaction.author}, <UtcTime iso={redaction.created_at} />)</span>
    </p>
  );
}

type Props = {
  interactionId: string;
  redactions: Redaction[];
  /** What the viewer may redact (empty without the redact scope): the fields, then the pack's items. */
  targets: { pointer: string; label: string }[];
  outcome: { error?: string; redacted?: string };
};

/** The interaction's redactions, and for a token with the redact scope the action that adds one. */
export function RedactionsSection({ interactionId, redactions, targets, outcome }: Props) {
  return (
    <div id="redactions" className="space-y-2 text-sm">
      {redactions.length === 0 ? (
        <p className="text-zinc-500">none</p>
      ) : (
        <ul className="space-y-1" data-testid="redactions">
          {redactions.map((r) => (
            <li key={r.id}>
              <code className="font-mono text-xs">{r.pointer}</code>: {r.reason}{" "}
              <span className="text-zinc-500">
                ({r.author}, <UtcTime iso={r.created_at} />) SHA-256 of the removed content <code className="font-mono text-xs break-all">{r.digest}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      {outcome.error && <p role="alert" className="text-rose-700 dark:text-rose-300">Not redacted: {outcome.error}</p>}
      {outcome.redacted && <p role="status" className="text-emerald-700 dark:text-emerald-300">Redacted {outcome.redacted}.</p>}
      {targets.length > 0 && (
        <form action={redactFromViewer} className="flex flex-wrap items-end gap-2 rounded border border-zinc-200 p-2 dark:border-zinc-800">
          <input type="hidden" name="interaction_id" value={interactionId} />
          <label className="flex flex-col gap-0.5">
            <span className="text-xs text-zinc-500">Redact</span>
            <select name="pointer" className="max-w-xs rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900">
              {targets.map((t) => (
                <option key={t.pointer} value={t.pointer}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-w-64 flex-1 flex-col gap-0.5">
            <span className="text-xs text-zinc-500">Reason (shown where the content was)</span>
            <input name="reason" required maxLength={500} className="rounded border border-zinc-300 px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900" />
          </label>
          <button type="submit" className="rounded border border-rose-300 px-3 py-0.5 font-medium text-rose-800 hover:bg-rose-50 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950">
            Redact
          </button>
        </form>
      )}
    </div>
  );
}
