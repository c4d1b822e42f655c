import { ItemLink } from "@/components/item-link";
import type { PackDiff, PackDiffItem } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";

// A turn's context pack compared with the previous turn's. The list opens by itself when it
// is short; a big pack's diff (thousands of items) shows its first entries only, the API
// (GET /api/interactions/{id}/pack-diff) has them all.
const OPEN_UP_TO = 12;
const SHOWN_ITEMS = 100;

const SIGN = { entered: "+", left: "−", changed: "~" } as const;

function Id({ item }: { item: PackDiffItem }) {
  return item.kind === "item" ? <span className="font-mono">{item.id}</span> : <ItemLink kind={item.kind} id={item.id} />;
}

function Entry({ item }: { item: PackDiffItem }) {
  const what =
    item.change === "entered"
      ? `entered (${item.mark})`
      : item.change === "left"
        ? `left (was ${item.mark})`
        : [item.text_changed && "text changed", item.mark_changed && `${item.previous_mark} → ${item.mark}`].filter(Boolean).join(", ");
  const className = item.change === "entered" ? styles.entered : item.change === "left" ? styles.left : styles.changed;
  return (
    <li
      className={className}
      data-change={item.change}
      data-text-changed={item.text_changed || undefined}
      data-mark-changed={item.mark_changed || undefined}
      data-id={item.id}
    >
      <span aria-hidden>{SIGN[item.change]}</span> {item.kind} <Id item={item} /> <span className="font-medium">{what}</span>
      {item.text && <span className="text-zinc-700 dark:text-zinc-300">: {item.text}</span>}
      {item.previous_text !== null && <span className="text-zinc-500"> (was: {item.previous_text})</span>}
    </li>
  );
}

function countsLabel({ counts }: PackDiff): string {
  const parts = [
    counts.entered && `+${counts.entered} entered`,
    counts.left && `−${counts.left} left`,
    counts.text_changed && `${counts.text_changed} text changed`,
    counts.mark_changed && `${counts.mark_changed} mark changed`,
  ].filter(Boolean);
  return `${parts.join(", ")} · ${counts.unchanged} unchanged`;
}

/** What entered, left and changed in the context pack since turn `previousTurn`. */
export function PackDiffView({ diff, previousTurn }: { diff: PackDiff; previousTurn: number }) {
  if (diff.items.length === 0) {
    return (
      <p className={styles.muted} data-testid="pack-diff" data-unchanged>
        {`Context pack unchanged since turn ${previousTurn} (${diff.counts.unchanged} items)`}
      </p>
    );
  }
  const hidden = diff.items.length - SHOWN_ITEMS;
  return (
    <details data-testid="pack-diff" open={diff.items.length <= OPEN_UP_TO} className="text-xs">
      <summary className="cursor-pointer text-zinc-500">
        <span className="font-medium">{`Context pack compared with turn ${previousTurn}: `}</span>
        {countsLabel(diff)}
      </summary>
      <ul className="mt-1 flex flex-wrap gap-1">
        {diff.items.slice(0, SHOWN_ITEMS).map((item) => (
          <Entry key={`${item.change}:${item.kind}:${item.id}`} item={item} />
        ))}
      </ul>
      {hidden > 0 && <p className={styles.muted}>{`and ${hidden.toLocaleString("en-US")} more changes`}</p>}
    </details>
  );
}
