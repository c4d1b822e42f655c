import { JumpToTurn } from "@/components/sessions/jump-to-turn";
import { firstLine } from "@/lib/format-time";
import type { SessionTurn } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";

// The outline shows one short line per turn (CSS truncates further); a long session's page
// should not carry every prompt twice.
/** The side outline of a transcript: jump to turn N, and (on wide screens) every turn's first line. */
export function TurnOutline({ turns }: { turns: SessionTurn[] }) {
  return (
    <nav aria-label="Turns" className="space-y-2 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-auto">
      <JumpToTurn turns={turns.length} />
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
