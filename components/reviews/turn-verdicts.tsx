import { VerdictBadge } from "@/components/reviews/verdict-badge";
import type { Verdict } from "@/lib/reviews/verdicts";

/** The review badge of each turn shown, linking to its card in the transcript. */
export function TurnVerdicts({ turns }: { turns: { turn: number; review: Verdict | null }[] }) {
  if (turns.length === 0) return null;
  return (
    <nav aria-label="Turn reviews" className="mt-3 text-xs">
      <h2 className="mb-1 font-semibold text-zinc-500">Turn reviews</h2>
      <ul className="grid grid-cols-2 gap-x-2 gap-y-0.5">
        {turns.map((t) => (
          <li key={t.turn} data-testid="turn-verdict" data-turn={t.turn}>
            <a href={`#turn-${t.turn}`} className="me-1 text-sky-700 hover:underline dark:text-sky-400">
              {t.turn}
            </a>
            <VerdictBadge verdict={t.review} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
