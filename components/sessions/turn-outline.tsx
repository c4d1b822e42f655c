import { JumpToTurn } from "@/components/sessions/jump-to-turn";
import type { SessionTurn } from "@/lib/sessions/schema";

/** The side outline of a transcript: jump to turn N, and (on wide screens) every turn's first line. */
export function TurnOutline({ turns }: { turns: SessionTurn[] }) {
  return (
    <nav aria-label="Turns" className="space-y-2 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-auto">
      <JumpToTurn turns={turns.length} />
      <ol className="hidden space-y-0.5 text-xs lg:block">
        {turns.map((t) => (
          <li key={t.id}>
            <a href={`#turn-${t.turn}`} className="block truncate rounded px-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <span className="mr-1 tabular-nums text-zinc-500">{t.turn}.</span>
              {t.prompt.split("\n", 1)[0]}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
