import { PackDiffDetails } from "@/components/sessions/pack-diff-details";
import { PackDiffEntries } from "@/components/sessions/pack-diff-entries";
import type { PackDiff } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";

// A turn's context pack compared with the previous turn's: counts, then the entries.
/** A transcript shows a diff this short in place; a longer one loads when opened. */
const INLINE_DIFF_ITEMS = 6;

function countsLabel(counts: PackDiff["counts"]): string {
  const parts = [
    counts.entered && `+${counts.entered} entered`,
    counts.left && `−${counts.left} left`,
    counts.text_changed && `${counts.text_changed} text changed`,
    counts.mark_changed && `${counts.mark_changed} mark changed`,
  ].filter(Boolean);
  return `${parts.join(", ")} · ${counts.unchanged} unchanged`;
}

type Props = {
  diff: PackDiff;
  previousTurn: number;
  /** In a transcript: a long diff's entries load from this interaction's pack-diff when opened. */
  lazyFor?: string;
  /** How many entries the whole diff has, when `diff` carries only its first ones. */
  changes?: number;
};

/** What entered, left and changed in the context pack since turn `previousTurn`. */
export function PackDiffView({ diff, previousTurn, lazyFor, changes = diff.items.length }: Props) {
  if (diff.items.length === 0) {
    return (
      <p className={styles.muted} data-testid="pack-diff" data-unchanged>
        {`Context pack unchanged since turn ${previousTurn} (${diff.counts.unchanged} items)`}
      </p>
    );
  }
  const summary = `Context pack compared with turn ${previousTurn}: `;
  if (lazyFor && diff.items.length > INLINE_DIFF_ITEMS) {
    return <PackDiffDetails interactionId={lazyFor} summary={summary} counts={countsLabel(diff.counts)} />;
  }
  return (
    <details data-testid="pack-diff" open className="text-xs">
      <summary className="cursor-pointer text-zinc-500">
        <span className="font-medium">{summary}</span>
        {countsLabel(diff.counts)}
      </summary>
      <PackDiffEntries items={diff.items} changes={changes} />
    </details>
  );
}
