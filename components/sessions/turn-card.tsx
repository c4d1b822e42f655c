import Link from "next/link";
import { ContextChangeView } from "@/components/sessions/context-change";
import { ContextChips } from "@/components/sessions/context-chips";
import type { ContextChange } from "@/lib/sessions/context-changes";
import { formatDuration } from "@/lib/sessions/format-duration";
import type { SessionTurn } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function Text({ label, text, note }: { label: string; text: string; note?: string }) {
  return (
    <div>
      <p className={styles.label}>
        {label}
        {note && <span className={styles.note}>{note}</span>}
      </p>
      <p className={styles.text}>{text}</p>
    </div>
  );
}

type Props = { turn: SessionTurn; previousAt: string | undefined; change: ContextChange | null };

/** One turn of the transcript, with its anchor (#turn-N). */
export function TurnCard({ turn, previousAt, change }: Props) {
  const anchor = `turn-${turn.turn}`;
  return (
    <article
      id={anchor}
      data-turn={turn.turn}
      aria-label={`Turn ${turn.turn}`}
      className={styles.turn}
    >
      <header className={styles.head}>
        <a href={`#${anchor}`} className={styles.anchor}>
          {`Turn ${turn.turn}`}
        </a>
        <time dateTime={turn.created_at}>{utc(turn.created_at)}</time>
        {previousAt && <span>{`+${formatDuration(Date.parse(turn.created_at) - Date.parse(previousAt))} after the previous turn`}</span>}
        <span>{`client ${turn.client || "—"}`}</span>
        {turn.project && <span>{`project ${turn.project}`}</span>}
        <Link href={`/interactions/${turn.id}`} className={styles.link}>
          details
        </Link>
      </header>
      {change && <ContextChangeView change={change} />}
      <Text label="Prompt" text={turn.prompt} />
      {turn.response ? (
        <Text label="Response" text={turn.response} />
      ) : turn.response_summary ? (
        <Text label="Response" note="summary" text={turn.response_summary} />
      ) : (
        <p className={`${styles.muted} italic`}>No response recorded</p>
      )}
      <ContextChips interactionId={turn.id} memoriesUsed={turn.memories_used} chunksUsed={turn.chunks_used} />
    </article>
  );
}
