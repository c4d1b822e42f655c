import Link from "next/link";
import { ContextChips } from "@/components/sessions/context-chips";
import { PackDiffView } from "@/components/sessions/pack-diff";
import { durationLabel, utcLabel } from "@/lib/format-time";
import { TURN_TEXT_CHARS, type SessionTurnView } from "@/lib/sessions/schema";
import { arrivedLateMs, turnTime } from "@/lib/sessions/turn-time";
import styles from "@/components/sessions/transcript.module.css";
import { formatCount } from "@/lib/format-count";

// Long texts fold with CSS alone (a checkbox and line-clamp), so the server-rendered turns
// hydrate no component per text; the text is in the page once, folded or not. The same card
// renders the turns the browser loads as the reviewer scrolls (turn-window.tsx).
const FOLD_LINES = 16;
const FOLD_CHARS = 1500;

/** A turn's text as its window carries it: `chars` is the whole text's length, more than the window's TURN_TEXT_CHARS when cut. */
function Text({ id, label, text, chars, href, note }: { id: string; label: string; text: string; chars: number; href: string; note?: string }) {
  const long = text.length > FOLD_CHARS || text.split("\n", FOLD_LINES + 1).length > FOLD_LINES;
  const cut = chars > TURN_TEXT_CHARS;
  return (
    <div>
      <p className={styles.label}>
        {label}
        {note && <span className={styles.note}>{note}</span>}
      </p>
      {long && <input id={id} type="checkbox" className={styles.foldToggle} />}
      <p className={long ? `${styles.text} ${styles.folded}` : styles.text}>{text}</p>
      {long && (
        <label htmlFor={id} className={styles.foldLabel}>
          <span>{cut ? `Show the first ${formatCount(TURN_TEXT_CHARS)} characters` : `Show all (${formatCount(text.length)} characters)`}</span>
          <span>Show less</span>
        </label>
      )}
      {cut && (
        <Link href={href} className={styles.wholeText} data-testid="whole-text">
          {`The whole ${label.toLowerCase()}${note ? ` ${note}` : ""} (${formatCount(chars)} characters) is on the interaction's page`}
        </Link>
      )}
    </div>
  );
}

/** One turn of the transcript, with its anchor (#turn-N). */
export function TurnCard({ turn }: { turn: SessionTurnView }) {
  const previousAt = turn.previous_at;
  const anchor = `turn-${turn.turn}`;
  const details = `/interactions/${turn.id}`;
  // When the turn happened (the client's occurred_at, else its arrival); a late arrival says so.
  const at = Date.parse(turnTime(turn));
  const late = arrivedLateMs(turn);
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
        <time dateTime={turnTime(turn)}>{utcLabel(at)}</time>
        {previousAt && <span>{`+${durationLabel(at - Date.parse(previousAt))} after the previous turn`}</span>}
        {late !== null && (
          <span data-testid="arrived-late" className={styles.late} title={`stored ${utcLabel(Date.parse(turn.created_at))}`}>
            {`arrived ${durationLabel(late)} later`}
          </span>
        )}
        <span>{`client ${turn.client || "—"}`}</span>
        {turn.project && <span>{`project ${turn.project}`}</span>}
        <Link href={details} className={styles.link}>
          details
        </Link>
      </header>
      {turn.pack_diff && <PackDiffView diff={turn.pack_diff} previousTurn={turn.turn - 1} lazyFor={turn.id} />}
      <Text id={`prompt-${turn.turn}`} label="Prompt" text={turn.prompt} chars={turn.text_chars.prompt} href={details} />
      {turn.response ? (
        <Text id={`response-${turn.turn}`} label="Response" text={turn.response} chars={turn.text_chars.response} href={details} />
      ) : turn.response_summary ? (
        <Text id={`response-${turn.turn}`} label="Response" note="summary" text={turn.response_summary} chars={turn.text_chars.response_summary} href={details} />
      ) : (
        <p className={`${styles.muted} italic`}>No response recorded</p>
      )}
      <ContextChips interactionId={turn.id} memoriesUsed={turn.memories_used} chunksUsed={turn.chunks_used} pack={turn.pack} />
    </article>
  );
}
