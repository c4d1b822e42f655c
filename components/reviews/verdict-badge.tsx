import type { Verdict } from "@/lib/reviews/verdicts";

const STYLE: Record<Verdict, string> = {
  ok: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  problem: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  question: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

/** A current verdict as a small badge; "unreviewed" (muted) when there is none. */
export function VerdictBadge({ verdict, title }: { verdict: Verdict | null; title?: string }) {
  if (verdict === null) {
    return (
      <span data-testid="verdict" data-verdict="none" className="text-xs text-zinc-500 dark:text-zinc-400" title={title}>
        unreviewed
      </span>
    );
  }
  return (
    <span data-testid="verdict" data-verdict={verdict} title={title} className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[verdict]}`}>
      {verdict}
    </span>
  );
}
