import { JumpToTurn } from "@/components/sessions/jump-to-turn";
import { firstLine } from "@/lib/format-time";
import type { SessionTurnView } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";

type Props = { total: number; windowSize: number; from: number; turns: SessionTurnView[] };

// A long session's outline is its windows (a link each) and the first line of each turn of
// the window on screen, so the page stays the same size however many turns the session has.
/** The side outline of a transcript: go to turn N, the session's windows, and the shown window's turns. */
export function TurnOutline({ total, windowSize, from, turns }: Props) {
  const windows = total > windowSize ? Array.from({ length: Math.ceil(total / windowSize) }, (_, i) => i * windowSize + 1) : [];
  return (
    <nav aria-label="Turns" className="space-y-2">
      <JumpToTurn turns={total} />
      {windows.length > 0 && (
        <ol aria-label="Windows of turns" className="flex flex-wrap gap-1 text-xs">
          {windows.map((start) => (
            <li key={start}>
              <a
                href={`?from=${start}#turn-${start}`}
                aria-current={start <= from && from < start + windowSize ? "true" : undefined}
                className="rounded border border-zinc-300 px-1 tabular-nums hover:bg-zinc-100 aria-[current]:border-blue-400 aria-[current]:bg-blue-50 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current]:bg-blue-950/50"
              >
                {`${start}–${Math.min(total, start + windowSize - 1)}`}
              </a>
            </li>
          ))}
        </ol>
      )}
      <ol className="hidden space-y-0.5 text-xs lg:block">
        {turns.map((t) => (
          <li key={t.id}>
            <a href={`#turn-${t.turn}`} dir="auto" className={styles.outlineItem}>
              <span dir="ltr" className="me-1 inline-block min-w-[4ch] text-end text-zinc-500 tabular-nums">{`${t.turn}.`}</span>
              {firstLine(t.prompt, 80)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
